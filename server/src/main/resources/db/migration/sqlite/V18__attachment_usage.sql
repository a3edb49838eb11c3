-- Bytes of attachments each project keeps, counted against its attachment storage quota
-- (BUGMASTER_ATTACHMENT_QUOTA). Updated in the same transaction as the attachments it counts.
CREATE TABLE attachment_usage (
    project_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    bytes       BIGINT  NOT NULL
);

INSERT INTO attachment_usage (project_id, bytes)
SELECT project_id, SUM(size) FROM attachments GROUP BY project_id;
