WITH s1 AS (
  SELECT "process_name" AS "Processes.process_name", "user" AS "Processes.user", count(*) AS "count" FROM "Endpoint.Processes" WHERE (TRUE) AND "process_name" IS NOT NULL AND "user" IS NOT NULL GROUP BY "process_name", "user"
),
s2 AS (
  SELECT "Processes.process_name", "Processes.user", "count", row_number() OVER (ORDER BY ("Processes.process_name" IS NULL), (NOT coalesce(regexp_full_match("Processes.process_name", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.process_name", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.process_name" AS DOUBLE) END), "Processes.process_name", ("Processes.user" IS NULL), (NOT coalesce(regexp_full_match("Processes.user", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.user", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.user" AS DOUBLE) END), "Processes.user") AS __r FROM s1
),
s3 AS (
  SELECT "Processes.process_name" AS "process_name", "Processes.user" AS "user", "count", __r FROM s2
),
s4 AS (
  SELECT m."process_name", m."user", m."count", CASE WHEN m."process_name" IS NULL THEN CAST(NULL AS VARCHAR[]) ELSE (SELECT CASE WHEN len(x) = 0 THEN NULL ELSE x END FROM (SELECT list(v ORDER BY _seq) FILTER (WHERE v IS NOT NULL) AS x FROM (SELECT l."kind" AS v, l._seq FROM "lookup:procs" l WHERE TRUE AND (m."process_name" LIKE replace(replace(replace(replace(l."pattern", '\', '\\'), '%', '\%'), '_', '\_'), '*', '%') ESCAPE '\') ORDER BY l._seq LIMIT 1000))) END AS "kind", m.__r FROM s3 m
),
s5 AS (
  SELECT m."process_name", m."user", m."count", m."kind", CASE WHEN m."user" IS NULL THEN CAST(NULL AS VARCHAR[]) ELSE (SELECT CASE WHEN len(x) = 0 THEN NULL ELSE x END FROM (SELECT list_concat(coalesce(list(v ORDER BY _seq) FILTER (WHERE v IS NOT NULL), []), CASE WHEN count(*) < 1 THEN list_slice(['unknown'], 1, 1 - count(*)) ELSE [] END) AS x FROM (SELECT l."team" AS v, l._seq FROM "lookup:users" l WHERE TRUE AND lower(l."user") = lower(m."user") ORDER BY l._seq LIMIT 1000))) END AS "team", m.__r FROM s4 m
)
SELECT "process_name", "user", "count", "kind", "team" FROM s5 ORDER BY __r
