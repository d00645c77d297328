WITH s1 AS (
  SELECT (floor("_time" / 3600) * 3600) AS "_time", "dest" AS "Processes.dest", count(*) AS "count", list_sort(list_distinct(list("user") FILTER (WHERE "user" IS NOT NULL))) AS "users", arg_max("process", ("_time", -"_seq")) FILTER (WHERE "process" IS NOT NULL) AS "last" FROM "Endpoint.Processes" WHERE ((("dest" IS NOT NULL AND (lower("dest") = '10.0.0.0/8' OR (CASE WHEN regexp_full_match("dest", '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}') THEN (CAST(split_part("dest", '.', 1) AS BIGINT)*16777216 + CAST(split_part("dest", '.', 2) AS BIGINT)*65536 + CAST(split_part("dest", '.', 3) AS BIGINT)*256 + CAST(split_part("dest", '.', 4) AS BIGINT)) BETWEEN 167772160 AND 184549375 WHEN regexp_full_match(lower("dest"), '::ffff:(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}') THEN (CAST(split_part(substr(lower("dest"), 8), '.', 1) AS BIGINT)*16777216 + CAST(split_part(substr(lower("dest"), 8), '.', 2) AS BIGINT)*65536 + CAST(split_part(substr(lower("dest"), 8), '.', 3) AS BIGINT)*256 + CAST(split_part(substr(lower("dest"), 8), '.', 4) AS BIGINT)) BETWEEN 167772160 AND 184549375 ELSE FALSE END))) AND (NOT (("user" IS NOT NULL AND (lower("user") LIKE 'svc\_%' ESCAPE '\')) OR ("user" IS NOT NULL AND (lower("user") = 'system')))))) AND (floor("_time" / 3600) * 3600) IS NOT NULL AND "dest" IS NOT NULL GROUP BY (floor("_time" / 3600) * 3600), "dest"
),
s2 AS (
  SELECT "_time", "Processes.dest", "count", "users", "last", row_number() OVER (ORDER BY ("_time" IS NULL), "_time", ("Processes.dest" IS NULL), (NOT coalesce(regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("Processes.dest", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("Processes.dest" AS DOUBLE) END), "Processes.dest") AS __r FROM s1
),
s3 AS (
  SELECT "_time", "Processes.dest" AS "dest", "count", "users", "last", __r FROM s2
),
s4 AS (
  SELECT "_time", "dest", "count", "users", "last", __r FROM s3 WHERE (NOT ("users" IS NULL) AND (len(list_filter("users", lambda __v: (lower(__v) LIKE 'admin%' ESCAPE '\'))) > 0))
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
