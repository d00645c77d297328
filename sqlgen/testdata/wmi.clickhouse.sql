SELECT "dest", "user", "count", "firstTime" FROM (
  SELECT "dest", "user", "count", "firstTime", __r FROM (
  SELECT "dest", "user", "count", "firstTime", "lastTime", __r FROM (
  SELECT "dest", "user", "count", (CASE WHEN "firstTime" IS NULL THEN (CASE WHEN "firstTime" = floor("firstTime") AND abs("firstTime") < 1e15 THEN toString(toInt64("firstTime")) ELSE toString("firstTime") END) ELSE formatDateTime(toDateTime(toInt64(floor("firstTime")), 'UTC'), '%Y-%m-%dT%H:%M:%S') END) AS "firstTime", "lastTime", __r FROM (
  SELECT "Processes.dest" AS "dest", "Processes.user" AS "user", "count", "firstTime", "lastTime", __r FROM (
  SELECT "Processes.dest", "Processes.user", "count", "firstTime", "lastTime", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT __a0 AS "Processes.dest", __a1 AS "Processes.user", toFloat64(__a2) AS "count", toFloat64(__a3) AS "firstTime", toFloat64(__a4) AS "lastTime" FROM (SELECT coalesce("dest", 'null') AS __a0, coalesce("user", 'null') AS __a1, count(*) AS __a2, min("_time") AS __a3, max("_time") AS __a4 FROM "Endpoint.Processes" WHERE ((if("process_name" IS NULL, 0, (lowerUTF8("process_name") = 'wmic.exe')) OR if("original_file_name" IS NULL, 0, (lowerUTF8("original_file_name") = 'wmic.exe'))) AND if("process" IS NULL, 0, like(lowerUTF8("process"), '%node%'))) GROUP BY coalesce("dest", 'null'), coalesce("user", 'null'))
) ORDER BY ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest", ("Processes.user" IS NULL), (NOT coalesce(match("Processes.user", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.user", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.user") END), "Processes.user")
)
)
) WHERE coalesce(("count" > CAST(1 AS Nullable(Float64))), 0)
)
) ORDER BY __r
SETTINGS join_use_nulls = 1
