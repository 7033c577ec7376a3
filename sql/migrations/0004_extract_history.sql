-- Extract history: one partitioned table per extract kind in core, one partition per applied
-- batch. A batch is COPYed into its own table in staging, checked there, and applied by
-- ATTACH PARTITION in the transaction that records it; a refused batch stays in staging for
-- inspection and never reaches core (spec extracts.md "Batches, idempotency, corrections").
-- Every row keeps its batch id and as-of date, so superseded values stay in history; the
-- current value per key is the row of the latest batch (later as-of, then later batch:
-- details.md #20), given by the views of 0005.
-- Enterprise-keyed tables carry uscc for Citus distribution (spec scale.md).

CREATE TABLE core.registry_rows (
    batch_id        bigint NOT NULL,
    as_of           date NOT NULL,
    line            integer NOT NULL,
    uscc            text NOT NULL,
    name            text NOT NULL,
    name_norm       text NOT NULL,
    legal_rep       text,
    status          text NOT NULL,
    established_on  date,
    industry_code   text NOT NULL,
    region_code     text NOT NULL,
    region_name     text,
    above_scale     boolean NOT NULL,
    employees       integer,
    address         text
) PARTITION BY LIST (batch_id);

CREATE TABLE core.tax_rows (
    batch_id               bigint NOT NULL,
    as_of                  date NOT NULL,
    line                   integer NOT NULL,
    uscc                   text NOT NULL,
    taxpayer_name          text,
    period                 date NOT NULL,
    vat                    numeric(18,2),
    corporate_income_tax   numeric(18,2),
    individual_income_tax  numeric(18,2),
    urban_land_use_tax     numeric(18,2),
    property_tax           numeric(18,2),
    other_taxes            numeric(18,2),
    sales_revenue          numeric(18,2)
) PARTITION BY LIST (batch_id);

CREATE TABLE core.power_rows (
    batch_id          bigint NOT NULL,
    as_of             date NOT NULL,
    line              integer NOT NULL,
    account_no        text NOT NULL,
    uscc              text,
    account_name      text NOT NULL,
    account_name_norm text NOT NULL,
    period            date NOT NULL,
    kwh               numeric NOT NULL
) PARTITION BY LIST (batch_id);

CREATE TABLE core.parcel_rows (
    batch_id              bigint NOT NULL,
    as_of                 date NOT NULL,
    line                  integer NOT NULL,
    parcel_id             text NOT NULL,
    cert_no               text,
    holder_uscc           text NOT NULL,
    holder_name           text,
    region_code           text NOT NULL,
    land_use              text NOT NULL,
    area_m2               numeric(14,2) NOT NULL,
    supply_method         text,
    supplied_on           date NOT NULL,
    agreed_start_on       date NOT NULL,
    agreed_completion_on  date,
    actual_start_on       date,
    production_start_on   date,
    developed_area_m2     numeric(14,2),
    total_investment      numeric(18,2),
    invested_amount       numeric(18,2),
    suspended_since       date,
    land_price            numeric(18,2),
    floor_area_m2         numeric(14,2),
    judicial_seizure      boolean,
    idle_cause            text,
    determination_no      text,
    determined_on         date
) PARTITION BY LIST (batch_id);

CREATE TABLE core.account_rows (
    batch_id      bigint NOT NULL,
    as_of         date NOT NULL,
    line          integer NOT NULL,
    utility       text NOT NULL,
    account_no    text NOT NULL,
    uscc          text NOT NULL,
    account_name  text
) PARTITION BY LIST (batch_id);

COMMENT ON TABLE core.registry_rows IS '企业登记快照的全部历史行（每批次一个分区）/ every registry row ever applied, one partition per batch';
COMMENT ON TABLE core.tax_rows IS '月度入库税收的全部历史行 / every monthly tax row ever applied';
COMMENT ON TABLE core.power_rows IS '月度用电量的全部历史行 / every monthly power row ever applied';
COMMENT ON TABLE core.parcel_rows IS '供地与开发的全部历史行 / every parcel row ever applied';
COMMENT ON TABLE core.account_rows IS '水电气户号对照的全部历史行 / every utility-account row ever applied';
COMMENT ON COLUMN core.registry_rows.name_norm IS '规范化名称（全角转半角、去空格、大小写折叠）用于户名匹配 / normalised name for account linking (details.md #24)';
COMMENT ON COLUMN core.power_rows.account_name_norm IS '规范化户名 / normalised account name (details.md #24)';
