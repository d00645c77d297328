WITH s1 AS (
  SELECT coalesce("dest", 'null') AS "Processes.dest", coalesce("user", 'null') AS "Processes.user", count(*) AS "count", min("_time") AS "firstTime", max("_time") AS "lastTime" FROM "Endpoint.Processes" WHERE ((("process_name" IS NOT NULL AND (lower("process_name") = 'wmic.exe')) OR ("original_file_name" IS NOT NULL AND (lower("original_file_name") = 'wmic.exe'))) AND ("process" IS NOT NULL AND (lower("process") LIKE '%node%' ESCAPE '\'))) GROUP BY coalesce("dest", 'null'), coalesce("user", 'null')
),
s2 AS (
  SELECT "Processes.dest", "Processes.user", "count", "firstTime", "lastTime", row_number() OVER (ORDER BY ("Processes.dest" IS NULL), (NOT coalesce(regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.dest" AS DOUBLE) END), "Processes.dest", ("Processes.user" IS NULL), (NOT coalesce(regexp_full_match("Processes.user", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.user", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.user" AS DOUBLE) END), "Processes.user") AS __r FROM s1
),
s3 AS (
  SELECT "Processes.dest" AS "dest", "Processes.user" AS "user", "count", "firstTime", "lastTime", __r FROM s2
),
s4 AS (
  SELECT "dest", "user", "count", (CASE WHEN "firstTime" IS NULL THEN (CASE WHEN "firstTime" = floor("firstTime") AND abs("firstTime") < 1e15 THEN CAST(CAST("firstTime" AS BIGINT) AS VARCHAR) ELSE CAST("firstTime" AS VARCHAR) END) ELSE strftime(make_timestamp(CAST(floor("firstTime") AS BIGINT) * 1000000), '%Y-%m-%dT%H:%M:%S') END) AS "firstTime", "lastTime", __r FROM s3
),
s5 AS (
  SELECT "dest", "user", "count", "firstTime", "lastTime", __r FROM s4 WHERE coalesce(("count" > CAST(1 AS DOUBLE)), FALSE)
),
s6 AS (
  SELECT "dest", "user", "count", "firstTime", __r FROM s5
)
SELECT "dest", "user", "count", "firstTime" FROM s6 ORDER BY __r
