{#-
    One row per customer contact: all legs of a transferred or called-back voice or chat contact
    together, and each email or web case. Carries its customer (when the data identifies one), how it
    was matched, its journey, and operational FCR and repeat flags.
-#}
with

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
)

select * from contacts
