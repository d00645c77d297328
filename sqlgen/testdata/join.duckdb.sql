WITH s1 AS (
  SELECT "process_guid" AS "Processes.process_guid", "dest" AS "Processes.dest", count(*) AS "count" FROM "Endpoint.Processes" WHERE (TRUE) AND "process_guid" IS NOT NULL AND "dest" IS NOT NULL GROUP BY "process_guid", "dest"
),
s2 AS (
  SELECT "Processes.process_guid", "Processes.dest", "count", row_number() OVER (ORDER BY ("Processes.process_guid" IS NULL), (NOT coalesce(regexp_full_match("Processes.process_guid", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.process_guid", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.process_guid" AS DOUBLE) END), "Processes.process_guid", ("Processes.dest" IS NULL), (NOT coalesce(regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.dest" AS DOUBLE) END), "Processes.dest") AS __r FROM s1
),
s3 AS (
  SELECT "Processes.process_guid" AS "process_guid", "Processes.dest" AS "dest", "count", __r FROM s2
),
s4 AS (
  SELECT "process_guid" AS "Filesystem.process_guid", count(*) AS "writes" FROM "Endpoint.Filesystem" WHERE (TRUE) AND "process_guid" IS NOT NULL GROUP BY "process_guid"
),
s5 AS (
  SELECT "Filesystem.process_guid", "writes", row_number() OVER (ORDER BY ("Filesystem.process_guid" IS NULL), (NOT coalesce(regexp_full_match("Filesystem.process_guid", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Filesystem.process_guid", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Filesystem.process_guid" AS DOUBLE) END), "Filesystem.process_guid") AS __r FROM s4
),
s6 AS (
  SELECT "Filesystem.process_guid" AS "process_guid", "writes", __r FROM s5
),
s7 AS (
  SELECT "process_guid", "writes", __r FROM s6 ORDER BY __r LIMIT 50000
),
s8 AS (
  SELECT m."process_guid" AS "process_guid", m."dest" AS "dest", m."count" AS "count", s."writes" AS "writes", row_number() OVER (ORDER BY m.__r, s.__r) AS __r FROM s3 m LEFT JOIN (SELECT "process_guid", "writes", "process_guid" AS __j0, __r, row_number() OVER (PARTITION BY "process_guid" ORDER BY __r) AS __k FROM s7 WHERE "process_guid" IS NOT NULL) s ON m."process_guid" = s.__j0 AND s.__k <= 1
),
s9 AS (
  SELECT "process_guid", "dest", "count", coalesce("writes", 0) AS "writes", __r FROM s8
),
s10 AS (
  SELECT "dest" AS "dest", sum("writes") AS "writes", count(DISTINCT "process_guid") AS "procs" FROM s9 WHERE "dest" IS NOT NULL GROUP BY "dest"
),
s11 AS (
  SELECT "dest", "writes", "procs", row_number() OVER (ORDER BY ("dest" IS NULL), (NOT coalesce(regexp_full_match("dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("dest" AS DOUBLE) END), "dest") AS __r FROM s10
)
SELECT "dest", "writes", "procs" FROM s11 ORDER BY __r
