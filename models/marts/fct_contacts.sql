{#-
    One row per customer contact: all legs of a transferred or called-back voice or chat contact
    together, and each email or web case. Carries its customer (when the data identifies one), how it
    was matched, its journey, and operational FCR and repeat flags.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='contact_id',
    scope='recomputed_contacts_scope',
    publish_partition='cast(started_at as date)',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_contacts_touched') }}

with

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
    {% if is_incremental() %}
        where {{ recomputed_contacts_scope() }}
    {% endif %}
)

select * from contacts
