{#-
    Parse once: each base_ model reads the landing files of one source, and in an incremental run only
    the files that are new or changed (by size or modification time) since they were last loaded. The
    files a model loads are listed in its registry table `<model>__files` (landing schema): `pending`
    while the model runs, `loaded` once its post-hook has committed them with the model's rows. A file
    loaded again (re-delivered under the same name) replaces its earlier rows (delete+insert on
    file_name), so a rerun never double counts. DECISIONLOG D21.

    The source's `meta.landing_glob` (relative to var landing_path) says which files belong to it and
    `meta.reader` how they are read: `text` (JSON lines, read whole and split into lines) or `csv`
    (header row, every column as text).
-#}

{% macro landing_glob(source_name, table_name) -%}
    {%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
    {{ return(var('landing_path') ~ '/' ~ node.meta.landing_glob) }}
{%- endmacro %}

{% macro landing_registry() -%}
    {{ this.schema }}.{{ this.identifier }}__files
{%- endmacro %}

{#-
    The files this run loads, as a list of paths, recorded as pending in the registry. Also registers the
    source as the model's parent (the call to source() at parse time). In a full refresh: every file.
-#}
{% macro landing_files_to_load(source_name, table_name) %}
    {%- do source(source_name, table_name) -%}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set glob_text = landing_glob(source_name, table_name) | replace("'", "''") -%}
    {%- set registry = landing_registry() -%}
    {%- set refresh = not is_incremental() -%}
    {%- set listed = run_query("select file from glob('" ~ glob_text ~ "') order by file").columns[0].values() | list -%}
    {#- compile, docs and the linter render the model too: they get every file and write nothing -#}
    {%- if not cc_is_building() -%}{{ return(listed) }}{%- endif -%}
    {%- call statement('landing_registry', fetch_result=False, auto_begin=False) -%}
        create table if not exists {{ registry }} (
            file_name varchar not null,
            file_size bigint not null,
            file_modified_at timestamp not null,
            batch_id bigint,
            status varchar not null
        );
        delete from {{ registry }} where status = 'pending';
        {%- if listed | length > 0 %}
        insert into {{ registry }}
        with described as (
            select
                filename as file_name,
                size as file_size,
                cast(last_modified as timestamp) as file_modified_at
            from read_blob({{ sql_path_list(listed) }})
        )
        select described.file_name, described.file_size, described.file_modified_at, {{ cc_batch_id() }}, 'pending'
        from described
        {%- if not refresh %}
        where not exists (
            select 1 from {{ registry }} as loaded
            where
                loaded.status = 'loaded'
                and loaded.file_name = described.file_name
                and loaded.file_size = described.file_size
                and loaded.file_modified_at = described.file_modified_at
        )
        {%- endif %};
        {%- endif %}
    {%- endcall -%}
    {{ return(landing_file_slices()[0]) }}
{% endmacro %}

{#-
    The pending files in slices, in file-name order: a slice holds files up to var landing_slice_bytes in
    all (at least one file). The model's own SQL reads the first slice and its post-hook
    (load_landing_slices) each further one, so a long history loads in statements of bounded size:
    read_text holds the text of all the files of one statement at once, outside DuckDB's memory limit,
    and a year of a large center's agent events (21 GB) in one statement was killed at 24 GB (D25).
    Always at least one slice (an empty one when no file is pending).
-#}
{% macro landing_file_slices() %}
    {%- set pending = run_query(
        "select file_name, file_size from " ~ landing_registry() ~ " where status = 'pending' order by file_name"
    ) -%}
    {%- set limit = var('landing_slice_bytes') | int -%}
    {%- set slices = [[]] -%}
    {%- set state = {'bytes': 0} -%}
    {%- for row in pending.rows -%}
        {%- if slices[-1] | length > 0 and state.bytes + row[1] > limit -%}
            {%- do slices.append([]) -%}
            {%- do state.update({'bytes': 0}) -%}
        {%- endif -%}
        {%- do slices[-1].append(row[0]) -%}
        {%- do state.update({'bytes': state.bytes + row[1]}) -%}
    {%- endfor -%}
    {{ return(slices) }}
{% endmacro %}

{#-
    post-hook of a base_ model, before record_loaded_landing_files: loads the pending files after the first
    slice, one insert per slice, each the model's own compiled SQL with the slice's list of paths in place
    of the first slice's (the list literal occurs once in it; anything else is an error, not a guess).
-#}
{% macro load_landing_slices() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set slices = landing_file_slices() -%}
    {%- if slices | length > 1 -%}
        {%- set first = sql_path_list(slices[0]) -%}
        {%- set code = model.compiled_code -%}
        {%- if code.split(first) | length != 2 -%}
            {{ exceptions.raise_compiler_error(
                this.identifier ~ ": the first slice's list of paths must occur exactly once in its SQL") }}
        {%- endif -%}
        {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | join(', ') -%}
        {%- for slice in slices[1:] %}
    insert into {{ this }} ({{ columns }})
    select {{ columns }} from ({{ code.replace(first, sql_path_list(slice)) }}) as landing_slice;
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}

{#- The `scope` of a base_ model (scoped strategy): the rows of the files this run loads. -#}
{% macro landing_file_scope() -%}
    file_name in (select file_name from {{ landing_registry() }} where status = 'pending')
{%- endmacro %}

{#- post-hook of a base_ model: the pending files are now loaded (in the model's own transaction). -#}
{% macro record_loaded_landing_files() %}
    {%- set registry = landing_registry() -%}
    {%- if not is_incremental() %}
        delete from {{ registry }} where status = 'loaded';
    {%- else %}
        delete from {{ registry }}
        where status = 'loaded' and file_name in (select file_name from {{ registry }} where status = 'pending');
    {%- endif %}
        update {{ registry }} set status = 'loaded' where status = 'pending'
{% endmacro %}

{#- A list of paths as a SQL list literal. -#}
{% macro sql_path_list(paths) -%}
    [{%- for path in paths -%}'{{ path | replace("'", "''") }}'{{ ', ' if not loop.last }}{%- endfor -%}]
{%- endmacro %}

{#-
    The raw text of the given JSON-lines files: one row per file (filename, content), or no rows when
    the list is empty.
-#}
{% macro read_landing_text(paths) -%}
    {{ return(adapter.dispatch('read_landing_text', 'contact_center')(paths)) }}
{%- endmacro %}

{% macro default__read_landing_text(paths) -%}
    {%- if paths | length == 0 -%}
        select cast(null as varchar) as filename, cast(null as varchar) as content where false
    {%- else -%}
        select filename, content from read_text({{ sql_path_list(paths) }})
    {%- endif -%}
{%- endmacro %}

{#-
    The rows of the given CSV files, every column as text, plus `filename`. `columns` lists the header's
    column names (lower case), used to type the empty relation when there is no file to read.
-#}
{% macro read_landing_csv(paths, columns) -%}
    {{ return(adapter.dispatch('read_landing_csv', 'contact_center')(paths, columns)) }}
{%- endmacro %}

{% macro default__read_landing_csv(paths, columns) -%}
    {%- if paths | length == 0 -%}
        select
            {% for column in columns -%}
                cast(null as varchar) as "{{ column }}",
            {% endfor -%}
            cast(null as varchar) as filename
        where false
    {%- else -%}
        select * from read_csv(
            {{ sql_path_list(paths) }},
            header = true, delim = ',', quote = '"', escape = '"',
            all_varchar = true, filename = true, union_by_name = true
        )
    {%- endif -%}
{%- endmacro %}
