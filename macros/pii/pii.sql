{#-
    Personal data handling. Identifiers used for matching (phone numbers, emails) are hashed with a
    salt from the CC_PII_SALT environment variable, so equal inputs give equal hashes within one
    deployment and the hashes cannot be reversed with a dictionary built elsewhere. Names are dropped
    by the staging models; free text is redacted. There is deliberately no default salt, and an empty one
    is refused like a missing one.
-#}

{% macro pii_salt() -%}
    {%- set salt = env_var("CC_PII_SALT") -%}
    {%- if salt | trim == '' -%}
        {% do exceptions.raise_compiler_error(
            "CC_PII_SALT is empty: set it to a long random secret (the same one every run; hashes change "
            "with it). An empty salt would hash personal data with sha256('') and make it guessable."
        ) %}
    {%- endif -%}
    '{{ salt | replace("'", "''") }}'
{%- endmacro %}

{#- Salted SHA-256 (hex) of a non-empty text value; null stays null. -#}
{% macro hash_pii(expr) -%}
    {{ return(adapter.dispatch('hash_pii', 'contact_center')(expr)) }}
{%- endmacro %}

{% macro default__hash_pii(expr) -%}
    case
        when nullif(trim({{ expr }}), '') is not null
            then sha256({{ pii_salt() }} || '|' || trim({{ expr }}))
    end
{%- endmacro %}

{% macro spark__hash_pii(expr) -%}
    case
        when nullif(trim({{ expr }}), '') is not null
            then sha2(concat({{ pii_salt() }}, '|', trim({{ expr }})), 256)
    end
{%- endmacro %}

{#-
    A phone number as typed -> international digits without '+', e.g. '(617) 555-0142' -> '16175550142',
    '+44 (0)20 7946 0958' -> '442079460958'. The national trunk '(0)' is dropped, a leading '00' is an
    international prefix, and a bare 10-digit number gets var('default_phone_country_code').
    Withheld ('anonymous') or too-short numbers give null.
-#}
{% macro normalize_phone(expr) -%}
    {%- set typed = "trim(coalesce(" ~ expr ~ ", ''))" -%}
    {%- set digits = regex_replace_all("replace(" ~ typed ~ ", '(0)', '')", "'[^0-9]'", "''") -%}
    case
        when length({{ digits }}) < 7 then null
        when substr({{ typed }}, 1, 1) = '+' then {{ digits }}
        when substr({{ digits }}, 1, 2) = '00' then substr({{ digits }}, 3)
        when length({{ digits }}) = 10
            then '{{ var("default_phone_country_code") }}' || {{ digits }}
        else {{ digits }}
    end
{%- endmacro %}

{#- Lowercased, trimmed email; null when it has no '@'. -#}
{% macro normalize_email(expr) -%}
    case when {{ expr }} like '%@%' then lower(trim({{ expr }})) end
{%- endmacro %}

{% macro hash_phone(expr) -%}
    {{ hash_pii(normalize_phone(expr)) }}
{%- endmacro %}

{% macro hash_email(expr) -%}
    {{ hash_pii(normalize_email(expr)) }}
{%- endmacro %}

{#-
    Free text with card numbers (13-19 digits, spaces or dashes between), email addresses and phone
    numbers (7+ digits with separators) replaced by markers. Card numbers go first, so their digits
    are never mistaken for a phone number.
-#}
{% macro redact_free_text(expr) -%}
    {%- set no_cards = regex_replace_all(expr, "'\\d(?:[ -]?\\d){12,18}'", "'[card number removed]'") -%}
    {%- set no_emails = regex_replace_all(
        no_cards, "'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}'", "'[email removed]'"
    ) -%}
    {{ regex_replace_all(no_emails, "'\\+?\\(?\\d(?:[ ().-]*\\d){6,}'", "'[phone number removed]'") }}
{%- endmacro %}

{#-
    A login name (Amazon Connect Agent.Username, which is usually firstname.lastname) as a salted hash:
    the key that joins CTRs, agent events and QA evaluations to the roster without carrying a name.
-#}
{% macro hash_username(expr) -%}
    {{ hash_pii("lower(" ~ expr ~ ")") }}
{%- endmacro %}
