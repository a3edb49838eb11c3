-- A deliberately broken pair of migration sets (SchemaParityTest): each difference the test
-- compares appears once against postgresql/V1__broken.sql.
CREATE TABLE owners (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT    NOT NULL
);
CREATE TABLE things (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id  BIGINT  NOT NULL REFERENCES owners (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    size      BIGINT,
    UNIQUE (owner_id, size)
);
CREATE INDEX things_owner ON things (owner_id);
CREATE TABLE pairs (
    a  BIGINT NOT NULL,
    b  BIGINT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE TABLE forgotten (
    id  INTEGER PRIMARY KEY
);
