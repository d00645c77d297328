SELECT "process", "count", "hosts", "users", "first" FROM (
  SELECT "process", "count", "hosts", "users", "first", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT __a0 AS "process", toFloat64(__a1) AS "count", toFloat64(__a2) AS "hosts", __a3 AS "users", toFloat64(__a4) AS "first" FROM (SELECT __b0 AS __a0, count(*) AS __a1, uniqExactArray("_fields_values"[indexOf("_fields_keys", 'host')]) AS __a2, arraySort(groupUniqArrayArray("_fields_values"[indexOf("_fields_keys", 'user')])) AS __a3, argMinIf("_time", tuple("_time", __r), "_time" IS NOT NULL) AS __a4 FROM (SELECT *, arrayJoin("process") AS __b0 FROM (
  SELECT "_time", "_raw", if(empty("process"), ['none'], "process") AS "process", "Image", "_fields_keys", "_fields_values", __r FROM (
  SELECT "_time", "_raw", "_fields_values"[indexOf("_fields_keys", 'Image')] AS "process", emptyArrayString() AS "Image", "_fields_keys", "_fields_values", __r FROM (
  SELECT "_time", "_raw", "_fields_keys", "_fields_values", __r FROM (
  SELECT "_time", "_raw", "_fields_keys", "_fields_values", "_seq" AS __r FROM "events"
) WHERE ((NOT empty("_fields_values"[indexOf("_fields_keys", 'EventCode')]) AND arrayExists(__v -> (lowerUTF8(__v) = '1'), "_fields_values"[indexOf("_fields_keys", 'EventCode')])) AND coalesce(match("_raw", '(?:\\A|[\\t\\n\\r -/:-@\\[-\\]_\\{-\\}])[Ww][Mm][Ii][Cc][^\\t\\n\\r -"&-,;<>\\?\\[\\]\\{-\\}]*'), 0) AND (NOT (NOT empty("_fields_values"[indexOf("_fields_keys", 'user')]) AND arrayExists(__v -> like(lowerUTF8(__v), 'svc\\_%'), "_fields_values"[indexOf("_fields_keys", 'user')]))))
)
)
)) WHERE __b0 IS NOT NULL GROUP BY __b0)
) ORDER BY ("process" IS NULL), (NOT coalesce(match("process", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("process", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("process") END), "process")
) ORDER BY __r
SETTINGS join_use_nulls = 1
