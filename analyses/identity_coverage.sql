-- How many contacts the data ties to a customer, by channel and how they were matched, and how many it
-- cannot (unmatched: no identifier on file; ambiguous: an identifier several customers share). Those
-- contacts carry no FCR or repeat flags: see DECISIONLOG.md D8 and D9.
with

contacts as (
    select * from {{ ref('fct_contacts') }}
),

coverage as (
    select
        channel,
        match_method,
        count(*) as contacts,
        sum(case when is_customer_identified then 1 else 0 end) as identified_contacts
    from contacts
    group by channel, match_method
)

select * from coverage
order by channel asc, contacts desc
