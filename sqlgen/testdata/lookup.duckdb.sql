WITH s1 AS (
  SELECT "user" AS "Processes.user", "dest" AS "Processes.dest", count(*) AS "count" FROM "Endpoint.Processes" WHERE (TRUE) AND "user" IS NOT NULL AND "dest" IS NOT NULL GROUP BY "user", "dest"
),
s2 AS (
  SELECT "Processes.user", "Processes.dest", "count", row_number() OVER (ORDER BY ("Processes.user" IS NULL), (NOT coalesce(regexp_full_match("Processes.user", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.user", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.user" AS DOUBLE) END), "Processes.user", ("Processes.dest" IS NULL), (NOT coalesce(regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.dest" AS DOUBLE) END), "Processes.dest") AS __r FROM s1
),
s3 AS (
  SELECT "Processes.user" AS "user", "Processes.dest" AS "dest", "count", __r FROM s2
),
s4 AS (
  SELECT m."user", m."dest", m."count", CASE WHEN m."user" IS NULL THEN CAST(NULL AS VARCHAR[]) ELSE (SELECT CASE WHEN len(x) = 0 THEN NULL ELSE x END FROM (SELECT list_concat(coalesce(list(v ORDER BY _seq) FILTER (WHERE v IS NOT NULL), []), CASE WHEN count(*) < 1 THEN list_slice(['unknown'], 1, 1 - count(*)) ELSE [] END) AS x FROM (SELECT l."role" AS v, l._seq FROM "lookup:users" l WHERE TRUE AND lower(l."user") = lower(m."user") ORDER BY l._seq LIMIT 1000))) END AS "role", m.__r FROM s3 m
),
s5 AS (
  SELECT m."user", m."dest", m."count", CASE WHEN m."dest" IS NULL THEN m."role" WHEN m."role" IS NOT NULL THEN m."role" WHEN m."role" IS NOT NULL THEN m."role" ELSE (SELECT CASE WHEN len(x) = 0 THEN NULL ELSE x END FROM (SELECT list_concat(coalesce(list(v ORDER BY _seq) FILTER (WHERE v IS NOT NULL), []), CASE WHEN count(*) < 1 THEN list_slice(['unknown'], 1, 1 - count(*)) ELSE [] END) AS x FROM (SELECT l."team" AS v, l._seq FROM "lookup:users" l WHERE TRUE AND lower(l."user") = lower(m."dest") ORDER BY l._seq LIMIT 1000))) END AS "role", m.__r FROM s4 m
)
SELECT "user", "dest", "count", "role" FROM s5 ORDER BY __r
