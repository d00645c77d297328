SELECT "_time", "dest", "count", "users", "last", "avg", "ratio" FROM (
  SELECT "_time", "dest", "count", "users", "last", "avg", "ratio", __r FROM (
  SELECT "_time", "dest", "count", "users", "last", "avg", "ratio", __r FROM (
  SELECT "_time", "dest", "count", "users", "last", "avg", "ratio", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT "_time", "dest", "count", "users", "last", "avg", ("count" / nullif("avg", 0)) AS "ratio", __r FROM (
  SELECT t."_time", t."dest", t."count", t."users", t."last", a."avg" AS "avg", t.__r FROM (
  SELECT "_time", "dest", "count", "users", "last", __r FROM (
  SELECT "_time", "Processes.dest" AS "dest", "count", "users", "last", __r FROM (
  SELECT "_time", "Processes.dest", "count", "users", "last", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT toFloat64(__a0) AS "_time", __a1 AS "Processes.dest", toFloat64(__a2) AS "count", __a3 AS "users", __a4 AS "last" FROM (SELECT (floor("_time" / 3600) * 3600) AS __a0, "dest" AS __a1, count(*) AS __a2, arraySort(groupUniqArray("user")) AS __a3, argMaxIf("process", tuple("_time", -"_seq"), "process" IS NOT NULL) AS __a4 FROM "Endpoint.Processes" WHERE ((if("dest" IS NULL, 0, (lowerUTF8("dest") = '10.0.0.0/8' OR (CASE WHEN match("dest", '^(?:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})$') THEN (toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[1])*16777216 + toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[2])*65536 + toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[3])*256 + toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[4])) BETWEEN 167772160 AND 184549375 WHEN match(lowerUTF8("dest"), '^(?:::ffff:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})$') THEN (toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[1])*16777216 + toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[2])*65536 + toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[3])*256 + toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[4])) BETWEEN 167772160 AND 184549375 ELSE 0 END))) AND (NOT (if("user" IS NULL, 0, like(lowerUTF8("user"), 'svc\\_%')) OR if("user" IS NULL, 0, (lowerUTF8("user") = 'system')))))) AND (floor("_time" / 3600) * 3600) IS NOT NULL AND "dest" IS NOT NULL GROUP BY (floor("_time" / 3600) * 3600), "dest")
) ORDER BY ("_time" IS NULL), "_time", ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest")
)
) WHERE (NOT empty("users") AND arrayExists(__v -> like(lowerUTF8(__v), 'admin%'), "users"))
) t LEFT JOIN (SELECT __a0 AS __k0, toFloat64(__a1) AS "avg" FROM (SELECT "dest" AS __a0, avg("count") AS __a1 FROM (
  SELECT "_time", "dest", "count", "users", "last", __r FROM (
  SELECT "_time", "Processes.dest" AS "dest", "count", "users", "last", __r FROM (
  SELECT "_time", "Processes.dest", "count", "users", "last", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT toFloat64(__a0) AS "_time", __a1 AS "Processes.dest", toFloat64(__a2) AS "count", __a3 AS "users", __a4 AS "last" FROM (SELECT (floor("_time" / 3600) * 3600) AS __a0, "dest" AS __a1, count(*) AS __a2, arraySort(groupUniqArray("user")) AS __a3, argMaxIf("process", tuple("_time", -"_seq"), "process" IS NOT NULL) AS __a4 FROM "Endpoint.Processes" WHERE ((if("dest" IS NULL, 0, (lowerUTF8("dest") = '10.0.0.0/8' OR (CASE WHEN match("dest", '^(?:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})$') THEN (toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[1])*16777216 + toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[2])*65536 + toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[3])*256 + toUInt64OrZero(splitByChar('.', ifNull("dest", ''))[4])) BETWEEN 167772160 AND 184549375 WHEN match(lowerUTF8("dest"), '^(?:::ffff:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})$') THEN (toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[1])*16777216 + toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[2])*65536 + toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[3])*256 + toUInt64OrZero(splitByChar('.', ifNull(substring(lowerUTF8("dest"), 8), ''))[4])) BETWEEN 167772160 AND 184549375 ELSE 0 END))) AND (NOT (if("user" IS NULL, 0, like(lowerUTF8("user"), 'svc\\_%')) OR if("user" IS NULL, 0, (lowerUTF8("user") = 'system')))))) AND (floor("_time" / 3600) * 3600) IS NOT NULL AND "dest" IS NOT NULL GROUP BY (floor("_time" / 3600) * 3600), "dest")
) ORDER BY ("_time" IS NULL), "_time", ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest")
)
) WHERE (NOT empty("users") AND arrayExists(__v -> like(lowerUTF8(__v), 'admin%'), "users"))
) WHERE "dest" IS NOT NULL GROUP BY "dest")) a ON t."dest" = a.__k0
)
) ORDER BY ("ratio" IS NULL), "ratio" DESC, __r)
) WHERE __r <= 10000
) ORDER BY __r LIMIT 20
) ORDER BY __r
SETTINGS join_use_nulls = 1
