SELECT "dest", "writes", "procs" FROM (
  SELECT "dest", "writes", "procs", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT __a0 AS "dest", toFloat64(__a1) AS "writes", toFloat64(__a2) AS "procs" FROM (SELECT "dest" AS __a0, sum("writes") AS __a1, uniqExact("process_guid") AS __a2 FROM (
  SELECT "process_guid", "dest", "count", coalesce("writes", 0) AS "writes", __r FROM (
  SELECT "process_guid", "dest", "count", "writes", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (SELECT m."process_guid" AS "process_guid", m."dest" AS "dest", m."count" AS "count", s."writes" AS "writes", m.__r AS __m, s.__r AS __s FROM (
  SELECT "Processes.process_guid" AS "process_guid", "Processes.dest" AS "dest", "count", __r FROM (
  SELECT "Processes.process_guid", "Processes.dest", "count", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT __a0 AS "Processes.process_guid", __a1 AS "Processes.dest", toFloat64(__a2) AS "count" FROM (SELECT "process_guid" AS __a0, "dest" AS __a1, count(*) AS __a2 FROM "Endpoint.Processes" WHERE (1) AND "process_guid" IS NOT NULL AND "dest" IS NOT NULL GROUP BY "process_guid", "dest")
) ORDER BY ("Processes.process_guid" IS NULL), (NOT coalesce(match("Processes.process_guid", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.process_guid", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.process_guid") END), "Processes.process_guid", ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest")
)
) m LEFT JOIN (SELECT "process_guid", "writes", "process_guid" AS __j0, __r, 1 AS __k FROM (
  SELECT "process_guid", "writes", __r FROM (
  SELECT "Filesystem.process_guid" AS "process_guid", "writes", __r FROM (
  SELECT "Filesystem.process_guid", "writes", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT __a0 AS "Filesystem.process_guid", toFloat64(__a1) AS "writes" FROM (SELECT "process_guid" AS __a0, count(*) AS __a1 FROM "Endpoint.Filesystem" WHERE (1) AND "process_guid" IS NOT NULL GROUP BY "process_guid")
) ORDER BY ("Filesystem.process_guid" IS NULL), (NOT coalesce(match("Filesystem.process_guid", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Filesystem.process_guid", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Filesystem.process_guid") END), "Filesystem.process_guid")
)
) ORDER BY __r LIMIT 50000
) WHERE "process_guid" IS NOT NULL ORDER BY __r LIMIT 1 BY "process_guid") s ON m."process_guid" = s.__j0) ORDER BY __m, __s)
)
) WHERE "dest" IS NOT NULL GROUP BY "dest")
) ORDER BY ("dest" IS NULL), (NOT coalesce(match("dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("dest") END), "dest")
) ORDER BY __r
SETTINGS join_use_nulls = 1
