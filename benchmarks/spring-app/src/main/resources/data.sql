-- 1,000 accounts with ids 1 to 1000, each able to pay for many orders.
INSERT INTO account (owner, balance)
SELECT 'customer ' || n, 1000000.00 FROM generate_series(1, 1000) AS n;
