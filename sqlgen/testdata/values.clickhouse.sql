WITH s1 AS (
  SELECT (floor("_time" / 3600) * 3600) AS "_time", "dest" AS "Processes.dest", count(*) AS "count", arraySort(groupUniqArray("user")) AS "users", argMaxIf("process", tuple("_time", -"_seq"), "process" IS NOT NULL) AS "last" FROM "Endpoint.Processes" WHERE ((("dest" IS NOT NULL AND (lowerUTF8("dest") = '10.0.0.0/8' OR (CASE WHEN match("dest", '^(?:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})$') THEN (toUInt64(splitByChar('.', "dest")[1])*16777216 + toUInt64(splitByChar('.', "dest")[2])*65536 + toUInt64(splitByChar('.', "dest")[3])*256 + toUInt64(splitByChar('.', "dest")[4])) BETWEEN 167772160 AND 184549375 WHEN match(lowerUTF8("dest"), '^(?:::ffff:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})$') THEN (toUInt64(splitByChar('.', substring(lowerUTF8("dest"), 8))[1])*16777216 + toUInt64(splitByChar('.', substring(lowerUTF8("dest"), 8))[2])*65536 + toUInt64(splitByChar('.', substring(lowerUTF8("dest"), 8))[3])*256 + toUInt64(splitByChar('.', substring(lowerUTF8("dest"), 8))[4])) BETWEEN 167772160 AND 184549375 ELSE FALSE END))) AND (NOT (("user" IS NOT NULL AND like(lowerUTF8("user"), 'svc\\_%')) OR ("user" IS NOT NULL AND (lowerUTF8("user") = 'system')))))) AND (floor("_time" / 3600) * 3600) IS NOT NULL AND "dest" IS NOT NULL GROUP BY (floor("_time" / 3600) * 3600), "dest"
),
s2 AS (
  SELECT "_time", "Processes.dest", "count", "users", "last", row_number() OVER (ORDER BY ("_time" IS NULL), "_time", ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), FALSE)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest") AS __r FROM s1
),
s3 AS (
  SELECT "_time", "Processes.dest" AS "dest", "count", "users", "last", __r FROM s2
),
s4 AS (
  SELECT "_time", "dest", "count", "users", "last", __r FROM s3 WHERE (NOT empty("users") AND arrayExists(__v -> like(lowerUTF8(__v), 'admin%'), "users"))
),
s5 AS (
  SELECT t."_time", t."dest", t."count", t."users", t."last", a."avg" AS "avg", t.__r FROM s4 t LEFT JOIN (SELECT "dest" AS __k0, avg("count") AS "avg" FROM s4 WHERE "dest" IS NOT NULL GROUP BY "dest") a ON t."dest" = a.__k0
),
s6 AS (
  SELECT "_time", "dest", "count", "users", "last", "avg", ("count" / nullif("avg", 0)) AS "ratio", __r FROM s5
),
s7 AS (
  SELECT "_time", "dest", "count", "users", "last", "avg", "ratio", row_number() OVER (ORDER BY ("ratio" IS NULL), "ratio" DESC, __r) AS __r FROM s6
),
s8 AS (
  SELECT "_time", "dest", "count", "users", "last", "avg", "ratio", __r FROM s7 WHERE __r <= 10000
),
s9 AS (
  SELECT "_time", "dest", "count", "users", "last", "avg", "ratio", __r FROM s8 ORDER BY __r LIMIT 20
)
SELECT "_time", "dest", "count", "users", "last", "avg", "ratio" FROM s9 ORDER BY __r
SETTINGS join_use_nulls = 1
