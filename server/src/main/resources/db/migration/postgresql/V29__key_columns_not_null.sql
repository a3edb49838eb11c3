-- Nothing to change on PostgreSQL: a PRIMARY KEY column is NOT NULL here already. The SQLite
-- migration of the same number declares it so on two tables where SQLite would accept NULL.
SELECT 1;
