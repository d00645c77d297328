WITH s1 AS (
  SELECT "_time", "_raw", "_fields", "_seq" AS __r FROM "events"
),
s2 AS (
  SELECT "_time", "_raw", "_fields", __r FROM s1 WHERE ((NOT ("_fields"['EventCode'] IS NULL) AND (len(list_filter("_fields"['EventCode'], lambda __v: (lower(__v) = '1'))) > 0)) AND coalesce(regexp_matches("_raw", '(?i)(?:^|[ \t\r\n\[\]<>(){}|!;,''"*&?+/:=@.\-$#%\\_])wmic[^ \t\r\n\[\]<>(){}|!;,''"*&?+]*'), FALSE) AND (NOT (NOT ("_fields"['user'] IS NULL) AND (len(list_filter("_fields"['user'], lambda __v: (lower(__v) LIKE 'svc\_%' ESCAPE '\'))) > 0))))
),
s3 AS (
  SELECT "_time", "_raw", "_fields"['Image'] AS "process", CAST(NULL AS VARCHAR[]) AS "Image", "_fields", __r FROM s2
),
s4 AS (
  SELECT "_time", "_raw", coalesce("process", ['none']) AS "process", "Image", "_fields", __r FROM s3
),
s5 AS (
  SELECT __b0 AS "process", count(*) AS "count", coalesce(len(list_distinct(flatten(list("_fields"['host']) FILTER (WHERE "_fields"['host'] IS NOT NULL)))), 0) AS "hosts", list_sort(list_distinct(flatten(list("_fields"['user']) FILTER (WHERE "_fields"['user'] IS NOT NULL)))) AS "users", arg_min("_time", ("_time", __r)) FILTER (WHERE "_time" IS NOT NULL) AS "first" FROM (SELECT *, unnest("process") AS __b0 FROM s4) WHERE __b0 IS NOT NULL GROUP BY __b0
),
s6 AS (
  SELECT "process", "count", "hosts", "users", "first", row_number() OVER (ORDER BY ("process" IS NULL), (NOT coalesce(regexp_full_match("process", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?'), FALSE)), (CASE WHEN regexp_full_match("process", '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN CAST("process" AS DOUBLE) END), "process") AS __r FROM s5
)
SELECT "process", "count", "hosts", "users", "first" FROM s6 ORDER BY __r
