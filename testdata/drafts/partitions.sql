-- Partitioning: CREATE TABLE … PARTITION BY RANGE/LIST/HASH, partitions created, dropped,
-- attached (ATTACH PARTITION) and detached (DETACH PARTITION), default partitions, bounds
-- changed, sub-partitioning, indexes and constraints on partitioned tables, columns added to
-- or dropped from a partitioned table, partitioning added to or changed on a table.

-- pair: range-partition-added
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
-- right
CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- pair: range-partition-dropped
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- right

-- pair: list-partition-added
-- both
CREATE TABLE m (id int, region text) PARTITION BY LIST (region);
CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu');
-- left
-- right
CREATE TABLE m_us PARTITION OF m FOR VALUES IN ('us', 'ca');

-- pair: hash-partitions-added
-- left
CREATE TABLE keep (a int);
-- right
CREATE TABLE keep (a int);
CREATE TABLE h (id int) PARTITION BY HASH (id);
CREATE TABLE h_0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE h_1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);

-- pair: default-partition-added
-- both
CREATE TABLE m (id int, region text) PARTITION BY LIST (region);
CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu');
-- left
-- right
CREATE TABLE m_other PARTITION OF m DEFAULT;

-- pair: default-partition-dropped
-- both
CREATE TABLE m (id int, region text) PARTITION BY LIST (region);
CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu');
-- left
CREATE TABLE m_other PARTITION OF m DEFAULT;
-- right

-- pair: partition-detached
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
CREATE TABLE m_2023 PARTITION OF m FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
-- right
CREATE TABLE m_2023 (id int, at date);

-- pair: table-attached-as-partition
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
-- left
CREATE TABLE m_2024 (id int, at date);
-- right
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: partition-bounds-changed
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
-- left
CREATE TABLE m_p PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m_p PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');

-- pair: partition-moves-to-other-parent
-- both
CREATE TABLE m1 (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m2 (id int, at date) PARTITION BY RANGE (at);
-- left
CREATE TABLE p PARTITION OF m1 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE p PARTITION OF m2 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: sub-partitioned
-- both
CREATE TABLE m (id int, at date, region text) PARTITION BY RANGE (at);
-- left
-- right
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (region);
CREATE TABLE m_2024_eu PARTITION OF m_2024 FOR VALUES IN ('eu');

-- pair: column-added-to-partitioned
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id int, at date, note text) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: column-dropped-from-partitioned
-- left
CREATE TABLE m (id int, at date, note text) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: column-type-on-partitioned
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: not-null-on-partitioned
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id int NOT NULL, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: primary-key-on-partitioned
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: check-on-partitioned
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id int, at date, CONSTRAINT m_id_pos CHECK (id > 0)) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: fk-from-partitioned
-- both
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE m (id int, p_id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
-- right
ALTER TABLE m ADD CONSTRAINT m_p_fk FOREIGN KEY (p_id) REFERENCES p;

-- pair: fk-to-partitioned
-- both
CREATE TABLE m (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE c (m_id int, m_at date);
-- left
-- right
ALTER TABLE c ADD CONSTRAINT c_m_fk FOREIGN KEY (m_id, m_at) REFERENCES m;

-- pair: partition-own-index-dropped
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- left
CREATE INDEX m_2024_at ON m_2024 (at);
-- right

-- pair: partitioning-added-to-table
-- expect: manual
-- left
CREATE TABLE m (id int, at date);
-- right
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);

-- pair: partition-key-changed
-- expect: manual
-- left
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m (id int, at date) PARTITION BY HASH (id);
CREATE TABLE m_0 PARTITION OF m FOR VALUES WITH (MODULUS 1, REMAINDER 0);

-- pair: partitioned-table-dropped
-- left
CREATE TABLE keep (a int);
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m_id ON m (id);
-- right
CREATE TABLE keep (a int);

-- pair: partition-with-own-default
-- both
CREATE TABLE m (id int, at date, state text) PARTITION BY RANGE (at);
-- left
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- right
CREATE TABLE m_2024 PARTITION OF m (state DEFAULT 'new') FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- pair: range-partition-minvalue-maxvalue
-- both
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
-- left
-- right
CREATE TABLE m_old PARTITION OF m FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
CREATE TABLE m_new PARTITION OF m FOR VALUES FROM ('2020-01-01') TO (MAXVALUE);
