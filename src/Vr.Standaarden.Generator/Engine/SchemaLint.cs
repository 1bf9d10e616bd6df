using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// Checks what the meta-schemas of draft-07, 2019-09 and 2020-12 say about the value of each keyword (its JSON type,
/// its range, the names <c>type</c> allows, unique strings in <c>required</c>, …) before any code is generated, and
/// warns of a member that is no keyword but looks like a misspelt one. A keyword with a wrong value is an error at
/// its line, since the generated code would otherwise quietly check something else than the schema says.
/// </summary>
internal static class SchemaLint
{
    private static readonly string[] Types = ["array", "boolean", "integer", "null", "number", "object", "string"];

    /// <summary>Every keyword of the three drafts.</summary>
    public static readonly HashSet<string> Keywords = new(KeywordCatalog.All.Where(k => k.Drafts != SchemaDrafts.None).Select(k => k.Name), StringComparer.Ordinal);

    /// <summary>The problems of the schema document <paramref name="root"/>: errors (<c>VR1007</c>) and warnings (<c>VR1008</c>).</summary>
    public static List<DiagnosticInfo> Check(JsonNode root, string path)
    {
        var found = new List<DiagnosticInfo>();
        var draft2020 = root.String(KeywordCatalog.Schema.Name) is not { } declared || declared.Contains("2020-12");
        Schema(root, path, "#", draft2020, found);
        return found;
    }

    private static void Schema(JsonNode node, string path, string pointer, bool draft2020, List<DiagnosticInfo> found)
    {
        if (node.Kind is JsonKind.True or JsonKind.False)
        {
            return;
        }

        if (!node.IsObject)
        {
            Error(found, path, node, $"{pointer} is {Describe(node)}; a schema is an object or a boolean.");
            return;
        }

        foreach (var member in node.Members)
        {
            var (key, value) = (member.Key, member.Value);
            var at = pointer + "/" + key.Replace("~", "~0").Replace("/", "~1");
            if (!KeywordCatalog.TryGet(key, out var keyword) || keyword.Drafts == SchemaDrafts.None)
            {
                // Not a keyword of JSON Schema: the standard's own annotations are checked by its meta-schemas, others may be misspelt.
                if (keyword is null && Closest(key) is { } meant)
                {
                    found.Add(new DiagnosticInfo(Diagnostics.MisspeltKeyword.Id, path, value.Line, value.Column,
                        $"'{key}' at {pointer} is no JSON Schema keyword; did you mean '{meant}'? An unknown keyword is ignored, so nothing checks what it says."));
                }

                continue;
            }

            switch (keyword.Value)
            {
                case KeywordValue.Schema:
                    Schema(value, path, at, draft2020, found);
                    break;
                case KeywordValue.SchemaArray:
                    SchemaArray(value, path, at, draft2020, found, key);
                    break;
                case KeywordValue.SchemaMap:
                    if (!value.IsObject)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be an object whose members are schemas.");
                        break;
                    }

                    foreach (var entry in value.Members)
                    {
                        Schema(entry.Value, path, at + "/" + entry.Key.Replace("~", "~0").Replace("/", "~1"), draft2020, found);
                    }

                    break;
                case KeywordValue.SchemaOrSchemaArray:
                    Items(value, path, at, draft2020, found);
                    break;
                case KeywordValue.NonNegativeInteger:
                    if (value.Kind != JsonKind.Number || !IsInteger(value) || value.Number < 0)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be a non-negative integer.");
                    }

                    break;
                case KeywordValue.Number or KeywordValue.PositiveNumber:
                    if (value.Kind != JsonKind.Number)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be a number.");
                    }
                    else if (keyword.Value == KeywordValue.PositiveNumber && value.Number <= 0)
                    {
                        Error(found, path, value, $"'{key}' is {value.Text}; it must be greater than 0.");
                    }

                    break;
                case KeywordValue.Boolean:
                    if (value.Kind is not (JsonKind.True or JsonKind.False))
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be true or false.");
                    }

                    break;
                case KeywordValue.Text or KeywordValue.UriReference or KeywordValue.AnchorName or KeywordValue.Pattern:
                    if (value.Kind != JsonKind.String)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be a string.");
                    }

                    break;
                case KeywordValue.TypeNames:
                    TypeNames(value, path, found);
                    break;
                case KeywordValue.Names:
                    UniqueStrings(found, path, value, $"'{key}'");
                    break;
                case KeywordValue.NamesMap:
                    if (!value.IsObject)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be an object whose members are arrays of property names.");
                        break;
                    }

                    foreach (var entry in value.Members)
                    {
                        UniqueStrings(found, path, entry.Value, $"'{key}/{entry.Key}'");
                    }

                    break;
                case KeywordValue.SchemaOrNamesMap:
                    if (!value.IsObject)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be an object.");
                        break;
                    }

                    foreach (var entry in value.Members)
                    {
                        if (entry.Value.Kind == JsonKind.Array)
                        {
                            UniqueStrings(found, path, entry.Value, $"'{key}/{entry.Key}'");
                        }
                        else
                        {
                            Schema(entry.Value, path, at + "/" + entry.Key, draft2020, found);
                        }
                    }

                    break;
                case KeywordValue.ValueArray:
                    if (value.Kind != JsonKind.Array)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be an array.");
                    }

                    break;
                case KeywordValue.VocabularyMap:
                    if (!value.IsObject)
                    {
                        Error(found, path, value, $"'{key}' is {Describe(value)}; it must be an object.");
                    }

                    break;
            }
        }
    }

    private static void SchemaArray(JsonNode value, string path, string at, bool draft2020, List<DiagnosticInfo> found, string key)
    {
        if (value.Kind != JsonKind.Array || value.Items.Count == 0)
        {
            Error(found, path, value, $"'{key}' is {Describe(value)}; it must be a non-empty array of schemas.");
            return;
        }

        for (var i = 0; i < value.Items.Count; i++)
        {
            Schema(value.Items[i], path, at + "/" + i.ToString(CultureInfo.InvariantCulture), draft2020, found);
        }
    }

    private static void Items(JsonNode value, string path, string at, bool draft2020, List<DiagnosticInfo> found)
    {
        if (value.Kind == JsonKind.Array && !draft2020)
        {
            for (var i = 0; i < value.Items.Count; i++)
            {
                Schema(value.Items[i], path, at + "/" + i.ToString(CultureInfo.InvariantCulture), draft2020, found);
            }
        }
        else if (value.Kind == JsonKind.Array)
        {
            Error(found, path, value, "'items' is an array; in draft 2020-12 it is one schema for all items (use 'prefixItems' for a schema per position).");
        }
        else
        {
            Schema(value, path, at, draft2020, found);
        }
    }

    private static void TypeNames(JsonNode value, string path, List<DiagnosticInfo> found)
    {
        var names = value.Kind == JsonKind.Array ? value.Items : [value];
        if (value.Kind == JsonKind.Array && value.Items.Count == 0)
        {
            Error(found, path, value, "'type' is an empty array; name at least one type.");
        }

        foreach (var name in names)
        {
            if (name.Kind != JsonKind.String || Array.IndexOf(Types, name.Text) < 0)
            {
                Error(found, path, name, $"'type' holds {Describe(name)}{Suggest(name, Types)}; the types are {string.Join(", ", Types)}.");
            }
        }

        if (value.Kind == JsonKind.Array && value.Items.Select(i => i.Text).Distinct().Count() != value.Items.Count)
        {
            Error(found, path, value, "'type' names a type twice; its names must be unique.");
        }
    }

    private static void UniqueStrings(List<DiagnosticInfo> found, string path, JsonNode value, string what)
    {
        if (value.Kind != JsonKind.Array || value.Items.Any(i => i.Kind != JsonKind.String))
        {
            Error(found, path, value, $"{what} is {Describe(value)}; it must be an array of property names (strings).");
        }
        else if (value.Items.Select(i => i.Text).Distinct(StringComparer.Ordinal).Count() != value.Items.Count)
        {
            Error(found, path, value, $"{what} names a property twice; its names must be unique.");
        }
    }

    private static void Error(List<DiagnosticInfo> found, string path, JsonNode at, string message) =>
        found.Add(new DiagnosticInfo(Diagnostics.InvalidSchema.Id, path, at.Line, at.Column, message + " The schema is not valid against its meta-schema."));

    private static bool IsInteger(JsonNode number) =>
        double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Floor(value) == value && !double.IsInfinity(value);

    private static string Describe(JsonNode node) => node.Kind switch
    {
        JsonKind.String => $"the string '{node.Text}'",
        JsonKind.Number => $"the number {node.Text}",
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Null => "null",
        JsonKind.Array => "an array",
        _ => "an object",
    };

    private static string Suggest(JsonNode name, string[] choices) =>
        name.Kind == JsonKind.String && choices.Where(c => Distance(c, name.Text) <= 2).OrderBy(c => Distance(c, name.Text)).FirstOrDefault() is { } best
            ? $" (did you mean '{best}'?)"
            : "";

    /// <summary>The keyword <paramref name="key"/> is probably a misspelling of, or <c>null</c>.</summary>
    private static string? Closest(string key)
    {
        // Annotations this project knows, and a keyword with a suffix (titleEn, descriptionNl) are meant as they are.
        if (key.Length < 4 || Keywords.Any(k => key.StartsWith(k, StringComparison.Ordinal)))
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var keyword in Keywords)
        {
            var distance = string.Equals(keyword, key, StringComparison.OrdinalIgnoreCase) ? 1 : Distance(keyword, key);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(keyword, best) < 0))
            {
                (best, bestDistance) = (keyword, distance);
            }
        }

        // One edit for short names, two for longer ones: close enough to be a slip, far enough from custom annotations.
        return bestDistance <= (key.Length < 7 ? 1 : 2) ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
