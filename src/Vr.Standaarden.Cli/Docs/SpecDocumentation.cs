using System.Text;
using System.Text.Json;
using Vr.Standaarden.Cli.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Cli.Docs;

/// <summary>
/// Renders the Markdown reference of a release: an index with a Mermaid class diagram, one page per
/// schema under <c>entiteiten/</c> and one page per code list under <c>codelijsten/</c>. The output is
/// a pure function of the release (ordinal ordering, LF line ends), so committed docs can be compared.
/// </summary>
internal static class SpecDocumentation
{
    private const string EntitiesFolder = "entiteiten";
    private const string CodeListsFolder = "codelijsten";

    /// <summary>
    /// The pages, keyed by their path relative to <paramref name="outputFolder"/> with '/' separators.
    /// Links to examples are relative from the output folder to the release folder.
    /// </summary>
    public static SortedDictionary<string, string> Render(SpecRelease release, string outputFolder)
    {
        var toRelease = Path.GetRelativePath(Path.Combine(Path.GetFullPath(outputFolder), EntitiesFolder), release.Folder).Replace('\\', '/');
        var releaseName = Path.GetFileName(release.Folder.TrimEnd(Path.DirectorySeparatorChar));
        var context = new Context(release, releaseName, toRelease);

        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["index.md"] = RenderIndex(context),
        };
        foreach (var schema in release.Schemas)
        {
            pages[$"{EntitiesFolder}/{schema.Name}.md"] = new SchemaPage(context, schema).Render();
        }

        foreach (var list in release.CodeLists)
        {
            pages[$"{CodeListsFolder}/{list.Name}.md"] = RenderCodeList(context, list);
        }

        return pages;
    }

    private sealed record Context(SpecRelease Release, string ReleaseName, string ToRelease)
    {
        private Dictionary<string, SpecDocument>? _byResource;

        /// <summary>
        /// Where a <c>$ref</c> written in <paramref name="from"/> leads, resolved against its <c>$id</c> as every other part
        /// of the codebase resolves references (<see cref="SchemaReference"/>): a schema or code list of the release and,
        /// when the pointer names a <c>$defs</c> entry, that entry; <c>null</c> when it leads outside the release.
        /// </summary>
        public (SpecDocument Document, string? Definition)? Resolve(SpecDocument from, string reference)
        {
            _byResource ??= Release.Schemas.Concat(Release.CodeLists)
                .Where(d => d.Id is not null && SchemaReference.TryResolve(null, d.Id, out _))
                .ToDictionary(d => Resource(d.Id!), StringComparer.Ordinal);
            if (!SchemaReference.TryResolve(from.Id, reference, out var resolved) || resolved.JsonPointer is not { } pointer ||
                !_byResource.TryGetValue(resolved.Resource, out var document))
            {
                return null;
            }

            const string Definitions = "/$defs/";
            return (document, pointer.StartsWith(Definitions, StringComparison.Ordinal) ? pointer[Definitions.Length..] : null);
        }

        private static string Resource(string id) => SchemaReference.TryResolve(null, id, out var resolved) ? resolved.Resource : id;

        public string Header(string source) =>
            $"<!-- Gegenereerd met 'vr docs' uit spec/{ReleaseName}/{source}. Niet met de hand bewerken. -->\n\n";
    }

    private static string RenderIndex(Context context)
    {
        var release = context.Release;
        var md = new Markdown();
        md.Raw($"<!-- Gegenereerd met 'vr docs' uit spec/{context.ReleaseName}. Niet met de hand bewerken. -->\n\n");
        md.Line($"# Vr.Standaarden {context.ReleaseName}");
        md.Line();
        md.Line("Referentie van de entiteiten en codelijsten van deze release, gegenereerd uit de schema's. " +
                "Reference of the entities and code lists of this release, generated from the schemas.");
        md.Line();
        md.Line("## Entiteiten / Entities");
        md.Line();
        md.Line("| Entiteit | Entity | $id |");
        md.Line("|---|---|---|");
        foreach (var schema in release.Schemas)
        {
            md.Line($"| [{Markdown.Escape(schema.Text(KeywordCatalog.Title.Name) ?? schema.Name)}]({EntitiesFolder}/{schema.Name}.md) | {Markdown.Escape(schema.Text(KeywordCatalog.TitleEn.Name) ?? "")} | `{schema.Id}` |");
        }

        md.Line();
        md.Line("## Samenhang / Relations");
        md.Line();
        md.Line("Een doorgetrokken lijn met ruit: de entiteit bevat de andere (`$ref`). Een pijl: de entiteit verwijst met een identificatie (annotatie `verwijstNaar`). " +
                "Een stippellijn: het bericht draagt de entiteit als `data`.");
        md.Line();
        md.Line("```mermaid");
        md.Line("classDiagram");
        var entities = release.Schemas.Where(s => !s.IsTypeLibrary).ToList();
        foreach (var schema in entities)
        {
            md.Line($"  class {ClassName(schema.Name)} {{");
            foreach (var property in Properties(schema.Root))
            {
                md.Line($"    +{MemberType(context, schema, property.Value)} {property.Name}");
            }

            md.Line("  }");
        }

        var names = entities.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var schema in entities)
        {
            foreach (var property in Properties(schema.Root))
            {
                foreach (var target in ReferencedSchemas(context, schema, property.Value).Where(names.Contains))
                {
                    edges.Add($"  {ClassName(schema.Name)} *-- {ClassName(target)} : {property.Name}");
                }

                foreach (var idTarget in ReferenceTargets(property.Value).Where(names.Contains))
                {
                    edges.Add($"  {ClassName(schema.Name)} --> {ClassName(idTarget)} : {property.Name}");
                }
            }

            if (schema.Root.TryGetProperty(KeywordCatalog.AllOf.Name, out var conditions))
            {
                foreach (var target in ReferencedSchemas(context, schema, conditions).Where(names.Contains))
                {
                    edges.Add($"  {ClassName(schema.Name)} ..> {ClassName(target)} : data");
                }
            }
        }

        foreach (var edge in edges)
        {
            md.Line(edge);
        }

        md.Line("```");
        md.Line();
        md.Line("## Codelijsten / Code lists");
        md.Line();
        md.Line("| Codelijst | Code list | Codes | Open | Niet geverifieerd / unverified |");
        md.Line("|---|---|---:|---|---:|");
        foreach (var list in release.CodeLists)
        {
            var codes = CodeEntries(list.Root).ToList();
            var unverified = codes.Count(c => c.TryGetProperty("geverifieerd", out var v) && v.ValueKind == JsonValueKind.False);
            md.Line($"| [{Markdown.Escape(list.Text(KeywordCatalog.Title.Name) ?? list.Name)}]({CodeListsFolder}/{list.Name}.md) | {Markdown.Escape(list.Text(KeywordCatalog.TitleEn.Name) ?? "")} | {codes.Count} | {(IsOpen(list.Root) ? "ja" : "nee")} | {unverified} |");
        }

        return md.ToString();
    }

    // Provenance comment, Dutch title, English title and $id, Dutch description, English description.
    private static void WriteHead(Markdown md, Context context, string source, SpecDocument document)
    {
        md.Raw(context.Header(source));
        md.Line($"# {document.Text(KeywordCatalog.Title.Name)}");
        md.Line();
        md.Line($"*{document.Text(KeywordCatalog.TitleEn.Name)}* · `{document.Id}`");
        md.Line();
        md.Line(document.Text(KeywordCatalog.Description.Name) ?? "");
        md.Line();
        md.Line($"> {document.Text(KeywordCatalog.DescriptionEn.Name)}");
        md.Line();
    }

    private static string RenderCodeList(Context context, SpecDocument list)
    {
        var md = new Markdown();
        WriteHead(md, context, $"codelijsten/{list.Name}.json", list);
        var meta = list.Root.TryGetProperty(KeywordCatalog.Codelijst.Name, out var m) ? m : default;
        string MetaText(string name) => meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty(name, out var v) ? v.ToString() : "";
        md.Line($"- Versie: {MetaText("versie")}");
        md.Line($"- Herkomst: {MetaText("herkomst")}");
        md.Line(IsOpen(list.Root)
            ? $"- Open lijst: ook andere codes van de vorm `{list.Text(KeywordCatalog.Pattern.Name)}` zijn geldig."
            : "- Gesloten lijst: alleen de codes hieronder zijn geldig.");
        if (meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("bronnen", out var sources))
        {
            md.Line("- Bronnen:");
            foreach (var source in sources.EnumerateArray())
            {
                md.Line($"  - {Markdown.Escape(source.GetString() ?? "")}");
            }
        }

        md.Line();
        var codes = CodeEntries(list.Root).ToList();
        var attributes = codes
            .SelectMany(c => c.TryGetProperty("kenmerken", out var k) ? k.EnumerateObject().Select(p => p.Name) : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        md.Line("| Code | Label | Label (en) | Definitie | Geldig | Status | " + string.Concat(attributes.Select(a => a + " | ")) + "Bron |");
        md.Line("|---|---|---|---|---|---|" + string.Concat(attributes.Select(_ => "---|")) + "---|");
        foreach (var code in codes)
        {
            string Get(string name) => code.TryGetProperty(name, out var v) ? Markdown.Escape(v.ToString()) : "";
            var status = new List<string>();
            if (code.TryGetProperty("vervallen", out var d) && d.ValueKind == JsonValueKind.True)
            {
                status.Add("vervallen");
            }

            if (code.TryGetProperty("geverifieerd", out var g) && g.ValueKind == JsonValueKind.False)
            {
                status.Add("**niet geverifieerd**: " + Get("opmerking"));
            }
            else if (code.TryGetProperty("opmerking", out _))
            {
                status.Add(Get("opmerking"));
            }

            var validity = (Get("geldigVanaf"), Get("geldigTot")) switch
            {
                ("", "") => "",
                (var from, "") => $"vanaf {from}",
                ("", var to) => $"tot {to}",
                (var from, var to) => $"{from} tot {to}",
            };
            var values = attributes.Select(a => code.TryGetProperty("kenmerken", out var k) && k.TryGetProperty(a, out var v) ? Markdown.Escape(v.ToString()) : "");
            md.Line($"| `{Get("code")}` | {Get("label")} | {Get("labelEn")} | {Get("definitie")} | {validity} | {string.Join("; ", status)} | " +
                    string.Concat(values.Select(v => v + " | ")) + $"{Get("bron")} |");
        }

        return md.ToString();
    }

    private sealed class SchemaPage(Context context, SpecDocument schema)
    {
        private readonly Markdown _md = new();

        public string Render()
        {
            WriteHead(_md, context, $"schemas/{schema.Name}.schema.json", schema);

            if (schema.IsTypeLibrary)
            {
                if (schema.Root.TryGetProperty(KeywordCatalog.Defs.Name, out var defs))
                {
                    foreach (var def in defs.EnumerateObject())
                    {
                        _md.Line($"## {def.Name}");
                        _md.Line();
                        _md.Line(Description(def.Value, "description"));
                        _md.Line();
                        _md.Line($"> {Description(def.Value, "descriptionEn")}");
                        _md.Line();
                        _md.Line($"Type: {DescribeType(context, schema, def.Value)}");
                        _md.Line();
                        RenderObject(def.Value, def.Name, heading: "###");
                    }
                }

                return _md.ToString();
            }

            RenderObject(schema.Root, path: null, heading: "##");
            RenderExamples();
            return _md.ToString();
        }

        private void RenderObject(JsonElement node, string? path, string heading)
        {
            var properties = Properties(node).ToList();
            var nested = new List<(string Path, JsonElement Node)>();
            if (properties.Count > 0)
            {
                _md.Line(path is null ? $"{heading} Eigenschappen / Properties" : $"{heading} `{path}`");
                _md.Line();
                if (path is not null && node.TryGetProperty(KeywordCatalog.Description.Name, out _))
                {
                    _md.Line($"{Description(node, "description")} / {Description(node, "descriptionEn")}");
                    _md.Line();
                }

                var required = Required(node);
                _md.Line("| Eigenschap | Type | Verplicht | Omschrijving | Description |");
                _md.Line("|---|---|---|---|---|");
                foreach (var (name, value) in properties)
                {
                    var full = path is null ? name : $"{path}.{name}";
                    var (nl, en) = PersonalData(value);
                    _md.Line($"| `{name}` | {DescribeType(context, schema, value)} | {(required.Contains(name) ? "ja" : "nee")} | {Markdown.Escape(Description(value, "description"))}{nl} | {Markdown.Escape(Description(value, "descriptionEn"))}{en} |");
                    var inner = InlineObject(value, out var suffix);
                    if (inner is { } o)
                    {
                        nested.Add((full + suffix, o));
                    }
                }

                _md.Line();
            }

            RenderRules(node, path);
            var deeper = heading.Length < 4 ? heading + "#" : heading;
            foreach (var (nestedPath, nestedNode) in nested)
            {
                RenderObject(nestedNode, nestedPath, deeper);
            }
        }

        // The persoonsgegeven annotation (spec/README.md): what kind of personal data a property can hold, in both languages.
        private static (string Dutch, string English) PersonalData(JsonElement property) =>
            property.ValueKind == JsonValueKind.Object && property.TryGetProperty(KeywordCatalog.Persoonsgegeven.Name, out var kind) && kind.ValueKind == JsonValueKind.String
                ? kind.GetString() switch
                {
                    "bijzonder" => (" **Persoonsgegeven: bijzonder (AVG art. 9).**", " **Personal data: special category (GDPR art. 9).**"),
                    "strafrechtelijk" => (" **Persoonsgegeven: strafrechtelijk (AVG art. 10).**", " **Personal data: criminal (GDPR art. 10).**"),
                    _ => (" **Persoonsgegeven.**", " **Personal data.**"),
                }
                : ("", "");

        private void RenderRules(JsonElement node, string? path)
        {
            var rules = new List<string>();
            if (node.TryGetProperty(KeywordCatalog.DependentRequired.Name, out var dependent))
            {
                foreach (var pair in dependent.EnumerateObject())
                {
                    rules.Add($"Als `{pair.Name}` aanwezig is, zijn ook verplicht: {InlineCodes(pair.Value)}.");
                }
            }

            if (node.TryGetProperty(KeywordCatalog.AnyOf.Name, out var anyOf) && anyOf.EnumerateArray().All(a => a.TryGetProperty(KeywordCatalog.Required.Name, out _) && a.EnumerateObject().Count() == 1))
            {
                rules.Add("Ten minste één van: " + string.Join(", ", anyOf.EnumerateArray().Select(a => InlineCodes(a.GetProperty(KeywordCatalog.Required.Name)))) + ".");
            }
            else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(KeywordCatalog.AnyOf.Name, out anyOf))
            {
                rules.Add($"Voldoet aan ten minste één van: `{Compact(anyOf)}`.");
            }

            if (node.TryGetProperty(KeywordCatalog.If.Name, out var condition))
            {
                rules.Add(Conditional(condition, node.TryGetProperty(KeywordCatalog.Then.Name, out var then) ? then : default));
            }

            if (node.TryGetProperty(KeywordCatalog.AllOf.Name, out var allOf))
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    rules.Add(part.TryGetProperty(KeywordCatalog.If.Name, out var c)
                        ? Conditional(c, part.TryGetProperty(KeywordCatalog.Then.Name, out var t) ? t : default)
                        : $"Voldoet aan `{Compact(part)}`.");
                }
            }

            if (node.TryGetProperty(KeywordCatalog.PropertyNames.Name, out var names))
            {
                rules.Add($"Namen van eigenschappen: {DescribeType(context, schema, names)}.");
            }

            if (node.TryGetProperty(KeywordCatalog.AdditionalProperties.Name, out var additional))
            {
                rules.Add(additional.ValueKind == JsonValueKind.False
                    ? "Andere eigenschappen zijn niet toegestaan."
                    : $"Andere eigenschappen: {DescribeType(context, schema, additional)}.");
            }

            if (rules.Count == 0)
            {
                return;
            }

            _md.Line(path is null ? "Regels:" : $"Regels voor `{path}`:");
            _md.Line();
            foreach (var rule in rules)
            {
                _md.Line($"- {rule}");
            }

            _md.Line();
        }

        private string Conditional(JsonElement condition, JsonElement then)
        {
            var when = new List<string>();
            if (condition.TryGetProperty(KeywordCatalog.Properties.Name, out var props))
            {
                foreach (var p in props.EnumerateObject())
                {
                    when.Add(p.Value.TryGetProperty(KeywordCatalog.Const.Name, out var c) ? $"`{p.Name}` = `{Compact(c)}`"
                        : p.Value.TryGetProperty(KeywordCatalog.Enum.Name, out var e) ? $"`{p.Name}` is een van {InlineCodes(e)}"
                        : p.Value.TryGetProperty(KeywordCatalog.Pattern.Name, out var pattern) ? $"`{p.Name}` past op `{pattern.GetString()}`"
                        : $"`{p.Name}` voldoet aan `{Compact(p.Value)}`");
                }
            }

            if (when.Count == 0 && condition.TryGetProperty(KeywordCatalog.Required.Name, out var present))
            {
                when.Add($"{InlineCodes(present)} aanwezig");
            }

            var effects = new List<string>();
            if (then.ValueKind == JsonValueKind.Object)
            {
                if (then.TryGetProperty(KeywordCatalog.Required.Name, out var required))
                {
                    effects.Add($"verplicht: {InlineCodes(required)}");
                }

                if (then.TryGetProperty(KeywordCatalog.Properties.Name, out var thenProps))
                {
                    foreach (var p in thenProps.EnumerateObject())
                    {
                        effects.Add($"`{p.Name}`: {DescribeType(context, schema, p.Value)}");
                    }
                }

                foreach (var other in then.EnumerateObject().Where(p => p.Name != KeywordCatalog.Required.Name && p.Name is not ("properties" or "description" or "descriptionEn")))
                {
                    effects.Add($"`{Compact(then)}`");
                    break;
                }
            }

            var why = then.ValueKind == JsonValueKind.Object && then.TryGetProperty(KeywordCatalog.Description.Name, out _) ? " " + Description(then, "description") : "";
            return $"Als {string.Join(" en ", when)}: {string.Join("; ", effects)}.{why}";
        }

        private void RenderExamples()
        {
            var examples = context.Release.Examples.Where(e => e.Schema?.Name == schema.Name).ToList();
            if (examples.Count == 0)
            {
                return;
            }

            _md.Line("## Voorbeelden / Examples");
            _md.Line();
            foreach (var example in examples)
            {
                var kind = example.ExpectedValid ? "geldig" : "ongeldig";
                var link = $"[{example.FileName}]({context.ToRelease}/voorbeelden/{kind}/{example.FileName})";
                _md.Line(example.Expectation is { } why
                    ? $"- ongeldig: {link}: {Markdown.Escape(why.Reden)} (`{why.Keyword}` op `{(why.InstanceLocation.Length == 0 ? "/" : why.InstanceLocation)}`)"
                    : $"- geldig: {link}");
            }

            _md.Line();
        }
    }

    // How a property's value is described in a table cell.
    private static string DescribeType(Context context, SpecDocument from, JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return node.ValueKind == JsonValueKind.True ? "elke waarde" : "geen waarde";
        }

        var parts = new List<string>();
        if (node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference))
        {
            parts.Add(ReferenceLink(context, from, reference.GetString()!));
        }

        if (node.TryGetProperty(KeywordCatalog.Const.Name, out var constant))
        {
            parts.Add($"`{Compact(constant)}`");
        }
        else if (node.TryGetProperty(KeywordCatalog.Enum.Name, out var values))
        {
            parts.Add("een van " + InlineCodes(values));
        }

        if (node.TryGetProperty(KeywordCatalog.Type.Name, out var type))
        {
            var kind = type.ValueKind == JsonValueKind.Array ? string.Join(" of ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString()!;
            if (kind == "array" && node.TryGetProperty(KeywordCatalog.Items.Name, out var items))
            {
                parts.Add($"lijst van {DescribeType(context, from, items)}");
            }
            else if (kind == "object" && Properties(node).Any())
            {
                parts.Add("object (zie hieronder)");
            }
            else
            {
                parts.Add(kind);
            }
        }

        if (node.TryGetProperty(KeywordCatalog.Format.Name, out var format))
        {
            parts.Add($"format `{format.GetString()}`");
        }

        if (node.TryGetProperty(KeywordCatalog.Pattern.Name, out var pattern))
        {
            parts.Add($"patroon `{Markdown.EscapeCode(pattern.GetString()!)}`");
        }

        foreach (var (keyword, label) in Bounds)
        {
            if (node.TryGetProperty(keyword, out var bound))
            {
                parts.Add($"{label} {bound.GetRawText()}");
            }
        }

        if (node.TryGetProperty(KeywordCatalog.UniqueItems.Name, out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            parts.Add("uniek");
        }

        if (ReferenceTarget(node) is { } target)
        {
            parts.Add($"verwijst naar [{target}]({target}.md)");
        }

        if (node.TryGetProperty(KeywordCatalog.Required.Name, out var required) && !node.TryGetProperty(KeywordCatalog.Properties.Name, out _))
        {
            parts.Add($"met verplicht {InlineCodes(required)}");
        }

        return parts.Count == 0 ? "elke waarde" : string.Join(", ", parts);
    }

    private static readonly (string Keyword, string Label)[] Bounds =
    [
        (KeywordCatalog.Minimum.Name, "≥"), (KeywordCatalog.ExclusiveMinimum.Name, ">"), (KeywordCatalog.Maximum.Name, "≤"),
        (KeywordCatalog.ExclusiveMaximum.Name, "<"), (KeywordCatalog.MinLength.Name, "min. lengte"), (KeywordCatalog.MaxLength.Name, "max. lengte"),
        (KeywordCatalog.MinItems.Name, "min."), (KeywordCatalog.MaxItems.Name, "max."), (KeywordCatalog.MinProperties.Name, "min. eigenschappen"),
    ];

    private static string ReferenceLink(Context context, SpecDocument from, string reference)
    {
        if (context.Resolve(from, reference) is not var (document, definition))
        {
            return $"`{reference}`";
        }

        if (context.Release.CodeLists.Contains(document))
        {
            return $"codelijst [{document.Name}](../{CodeListsFolder}/{document.Name}.md)";
        }

        return definition is null ? $"[{document.Name}]({document.Name}.md)" : $"[{definition}]({document.Name}.md#{definition.ToLowerInvariant()})";
    }

    private static IEnumerable<(string Name, JsonElement Value)> Properties(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(KeywordCatalog.Properties.Name, out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];

    private static HashSet<string> Required(JsonElement node) =>
        node.TryGetProperty(KeywordCatalog.Required.Name, out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    // An object declared inline (directly or as the items of an array) gets its own table.
    private static JsonElement? InlineObject(JsonElement node, out string suffix)
    {
        suffix = "";
        if (Properties(node).Any())
        {
            return node;
        }

        if (node.TryGetProperty(KeywordCatalog.Items.Name, out var items) && Properties(items).Any())
        {
            suffix = "[]";
            return items;
        }

        return null;
    }

    private static IEnumerable<string> ReferencedSchemas(Context context, SpecDocument from, JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name == KeywordCatalog.Ref.Name && property.Value.GetString() is { } target)
                    {
                        if (context.Resolve(from, target) is var (document, _) && context.Release.Schemas.Contains(document))
                        {
                            yield return document.Name;
                        }
                    }
                    else
                    {
                        foreach (var found in ReferencedSchemas(context, from, property.Value))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    foreach (var found in ReferencedSchemas(context, from, item))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    // The annotation verwijstNaar names the entity an identifier (or a list of them) points at.
    private static string? ReferenceTarget(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(ReferenceKeyword, out var target) ? target.GetString() : null;

    private const string ReferenceKeyword = "verwijstNaar";

    private static IEnumerable<string> ReferenceTargets(JsonElement node)
    {
        if (ReferenceTarget(node) is { } target)
        {
            yield return target;
        }

        var children = node.ValueKind switch
        {
            JsonValueKind.Object => node.EnumerateObject().Select(p => p.Value).ToList(),
            JsonValueKind.Array => node.EnumerateArray().ToList(),
            _ => [],
        };
        foreach (var found in children.SelectMany(ReferenceTargets))
        {
            yield return found;
        }
    }

    private static string MemberType(Context context, SpecDocument from, JsonElement node)
    {
        if (node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference))
        {
            var target = reference.GetString()!;
            return ClassName(context.Resolve(from, target) is var (document, definition) ? definition ?? document.Name : target);
        }

        if (node.TryGetProperty(KeywordCatalog.Type.Name, out var type) && type.ValueKind == JsonValueKind.String)
        {
            return type.GetString() == "array" && node.TryGetProperty(KeywordCatalog.Items.Name, out var items)
                ? $"List~{MemberType(context, from, items)}~"
                : type.GetString()!;
        }

        return node.TryGetProperty(KeywordCatalog.Enum.Name, out _) ? "enum" : node.TryGetProperty(KeywordCatalog.Const.Name, out _) ? "const" : "any";
    }

    private static string ClassName(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static List<JsonElement> CodeEntries(JsonElement list) =>
        list.TryGetProperty(KeywordCatalog.Codes.Name, out var codes) ? [.. codes.EnumerateArray()] : [];

    private static bool IsOpen(JsonElement list) => list.TryGetProperty(KeywordCatalog.Pattern.Name, out _);

    private static string InlineCodes(JsonElement array) =>
        string.Join(", ", array.EnumerateArray().Select(v => $"`{Compact(v)}`"));

    private static string Description(JsonElement node, string keyword) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(keyword, out var text) ? text.GetString() ?? "" : "";

    private static string Compact(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : Markdown.EscapeCode(JsonSerializer.Serialize(value, CompactOptions));

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class Markdown
    {
        private readonly StringBuilder _text = new();

        public void Line(string text = "") => _text.Append(text).Append('\n');

        public void Raw(string text) => _text.Append(text);

        public override string ToString() => _text.ToString();

        // Table cells: a pipe ends the cell, a newline ends the row.
        public static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

        public static string EscapeCode(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
    }
}
