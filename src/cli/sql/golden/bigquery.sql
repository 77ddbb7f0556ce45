-- Co-purchase cross-sells: offerwise's mining (catalog.md, "Building a catalog from CSV") as
-- one BigQuery query, for --min-orders 3 --top 10.
--
-- Reads order_lines(order_id, product_id), one row per line item (a product on several
-- lines of one order counts once). Only lines that are purchases belong in it, their
-- product_id the catalog's product id: offerwise build --orders also leaves out rows with
-- qty <= 0 and products not in the catalog, and "all orders" below counts the orders left
-- with a product.
--
-- Returns one row per kept pair, from = the anchor A, to = the offered B:
--   orders      orders holding both A and B (at least 3)
--   attachRate  orders(A and B) / orders(A)
--   lift        attachRate / (orders(B) / all orders), kept when above 1
-- the 10 best per anchor by attachRate (ties: more orders, then B's id in code-point
-- order), both figures rounded to 4 decimals. Give the rows to
--   offerwise build --products ... --pairs <the rows as CSV or Parquet>
WITH
baskets AS (
  SELECT DISTINCT order_id, CAST(product_id AS STRING) AS product_id
  FROM order_lines
  WHERE order_id IS NOT NULL AND product_id IS NOT NULL
),
all_orders AS (
  SELECT COUNT(DISTINCT order_id) AS n FROM baskets
),
product_orders AS (
  SELECT product_id, COUNT(*) AS n FROM baskets GROUP BY product_id
),
-- A product in fewer orders than 3 is in no pair that counts: left out before pairing.
pairable AS (
  SELECT b.order_id, b.product_id
  FROM baskets b
  JOIN product_orders p ON p.product_id = b.product_id
  WHERE p.n >= 3
),
pair_orders AS (
  SELECT x.product_id AS a, y.product_id AS b, COUNT(*) AS n
  FROM pairable x
  JOIN pairable y ON y.order_id = x.order_id AND x.product_id < y.product_id
  GROUP BY x.product_id, y.product_id
  HAVING COUNT(*) >= 3
),
-- lift > 1 compared on whole numbers, orders(A and B) * all orders > orders(A) * orders(B):
-- no rounding can flip a pair, and (A, B) and (B, A) pass or fail together.
lifted AS (
  SELECT p.a, p.b, p.n, pa.n AS a_orders, pb.n AS b_orders, t.n AS total
  FROM pair_orders p
  JOIN product_orders pa ON pa.product_id = p.a
  JOIN product_orders pb ON pb.product_id = p.b
  CROSS JOIN all_orders t
  WHERE p.n * t.n > pa.n * pb.n
),
directed AS (
  SELECT a AS anchor, b AS offered, n, a_orders AS anchor_orders, b_orders AS offered_orders, total FROM lifted
  UNION ALL
  SELECT b AS anchor, a AS offered, n, b_orders AS anchor_orders, a_orders AS offered_orders, total FROM lifted
),
-- For one anchor, attachRate has the same denominator for every B: ranking by orders is
-- ranking by attachRate, exactly.
ranked AS (
  SELECT d.*, ROW_NUMBER() OVER (PARTITION BY anchor ORDER BY n DESC, offered) AS place
  FROM directed d
)
-- The figures as the build computes them, in binary floating point: attachRate =
-- n / orders(A), lift = attachRate / (orders(B) / all), each rounded half up as
-- ROUND(x * 10000) / 10000, so every engine gives the same numbers to the last bit.
SELECT
  anchor AS `from`,
  offered AS `to`,
  n AS orders,
  ROUND(CAST(n AS FLOAT64) / anchor_orders * 10000) / 10000 AS attachRate,
  ROUND(CAST(n AS FLOAT64) / anchor_orders / (CAST(offered_orders AS FLOAT64) / total) * 10000) / 10000 AS lift
FROM ranked
WHERE place <= 10
ORDER BY anchor, place
