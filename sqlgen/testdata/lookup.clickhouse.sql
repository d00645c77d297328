SELECT "user", "dest", "count", "role" FROM (
  SELECT m."user", m."dest", m."count", CASE WHEN m."dest" IS NULL THEN m."role" WHEN notEmpty(m."role") THEN m."role" ELSE arrayConcat(arrayMap(__t -> assumeNotNull(tupleElement(__t, 2)), arrayFilter(__t -> isNotNull(tupleElement(__t, 2)), m.__lm)), arrayResize(emptyArrayString(), toUInt64(greatest(1 - toInt64(length(m.__lm)), 0)), 'unknown')) END AS "role", m.__r FROM (
  SELECT __a0 AS "user", __a1 AS "dest", __a2 AS "count", __a3 AS "role", arraySlice(arraySort(__am), 1, 1000) AS __lm, __ar AS __r FROM (SELECT any(m."user") AS __a0, any(m."dest") AS __a1, any(m."count") AS __a2, any(m."role") AS __a3, groupArrayIf(tuple(l.__ls, l.__lo0), isNotNull(l.__ls)) AS __am, m.__r AS __ar FROM (SELECT *, lowerUTF8("dest") AS __lk0 FROM (
  SELECT m."user", m."dest", m."count", CASE WHEN m."user" IS NULL THEN emptyArrayString() ELSE arrayConcat(arrayMap(__t -> assumeNotNull(tupleElement(__t, 2)), arrayFilter(__t -> isNotNull(tupleElement(__t, 2)), m.__lm)), arrayResize(emptyArrayString(), toUInt64(greatest(1 - toInt64(length(m.__lm)), 0)), 'unknown')) END AS "role", m.__r FROM (
  SELECT __a0 AS "user", __a1 AS "dest", __a2 AS "count", arraySlice(arraySort(__am), 1, 1000) AS __lm, __ar AS __r FROM (SELECT any(m."user") AS __a0, any(m."dest") AS __a1, any(m."count") AS __a2, groupArrayIf(tuple(l.__ls, l.__lo0), isNotNull(l.__ls)) AS __am, m.__r AS __ar FROM (SELECT *, lowerUTF8("user") AS __lk0 FROM (
  SELECT "Processes.user" AS "user", "Processes.dest" AS "dest", "count", __r FROM (
  SELECT "Processes.user", "Processes.dest", "count", rowNumberInAllBlocks() + 1 AS __r FROM (SELECT * FROM (
  SELECT __a0 AS "Processes.user", __a1 AS "Processes.dest", toFloat64(__a2) AS "count" FROM (SELECT "user" AS __a0, "dest" AS __a1, count(*) AS __a2 FROM "Endpoint.Processes" WHERE (1) AND "user" IS NOT NULL AND "dest" IS NOT NULL GROUP BY "user", "dest")
) ORDER BY ("Processes.user" IS NULL), (NOT coalesce(match("Processes.user", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.user", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.user") END), "Processes.user", ("Processes.dest" IS NULL), (NOT coalesce(match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$'), 0)), (CASE WHEN match("Processes.dest", '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN toFloat64OrNull("Processes.dest") END), "Processes.dest")
)
)) m LEFT JOIN (SELECT "_seq" AS __ls, "role" AS __lo0, lowerUTF8("user") AS __lk0 FROM "lookup:users" WHERE "user" IS NOT NULL ORDER BY "_seq" LIMIT 1000 BY __lk0) l ON m.__lk0 = l.__lk0 GROUP BY m.__r)
) m
)) m LEFT JOIN (SELECT "_seq" AS __ls, "team" AS __lo0, lowerUTF8("user") AS __lk0 FROM "lookup:users" WHERE "user" IS NOT NULL ORDER BY "_seq" LIMIT 1000 BY __lk0) l ON m.__lk0 = l.__lk0 GROUP BY m.__r)
) m
) ORDER BY __r
SETTINGS join_use_nulls = 1
