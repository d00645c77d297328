WITH s1 AS (
  SELECT coalesce("dest", 'null') AS "Processes.dest", coalesce("user", 'null') AS "Processes.user", count(*) AS "count", min("_time") AS "firstTime", max("_time") AS "lastTime" FROM "Endpoint.Processes" WHERE ((("process_name" IS NOT NULL AND (lowerUTF8("process_name") = 'wmic.exe')) OR ("original_file_name" IS NOT NULL AND (lowerUTF8("original_file_name") = 'wmic.exe'))) AND ("process" IS NOT NULL AND like(lowerUTF8("process"), '%node%'))) GROUP BY coalesce("dest", 'null'), coalesce("user", 'null')
),
s2 AS (
  SELECT "Processes.dest", "Processes.user", "count", "firstTime", "lastTime", row_number() OVER (ORDER BY ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), FALSE)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest", ("Processes.user" IS NULL), (NOT coalesce(match("Processes.user", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), FALSE)), (CASE WHEN match("Processes.user", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.user") END), "Processes.user") AS __r FROM s1
),
s3 AS (
  SELECT "Processes.dest" AS "dest", "Processes.user" AS "user", "count", "firstTime", "lastTime", __r FROM s2
),
s4 AS (
  SELECT "dest", "user", "count", (CASE WHEN "firstTime" IS NULL THEN (CASE WHEN "firstTime" = floor("firstTime") AND abs("firstTime") < 1e15 THEN toString(toInt64("firstTime")) ELSE toString("firstTime") END) ELSE formatDateTime(toDateTime(toInt64(floor("firstTime")), 'UTC'), '%Y-%m-%dT%H:%M:%S') END) AS "firstTime", "lastTime", __r FROM s3
),
s5 AS (
  SELECT "dest", "user", "count", "firstTime", "lastTime", __r FROM s4 WHERE coalesce(("count" > CAST(1 AS Nullable(Float64))), FALSE)
),
s6 AS (
  SELECT "dest", "user", "count", "firstTime", __r FROM s5
)
SELECT "dest", "user", "count", "firstTime" FROM s6 ORDER BY __r
SETTINGS join_use_nulls = 1
