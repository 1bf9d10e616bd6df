using System.Collections.Concurrent;
using System.Text.Json;

namespace Vr.Standaarden.Validatie.Internal;

/// <summary>
/// Where in an entity the values of interest to the rules are, read from the schemas rather than written down twice:
/// code-list values, values of a shared definition (oin, bagId, gemeenteCode, …) and identifiers that refer to another
/// entity (<c>verwijstNaar</c>). A path holds property names, with <c>*</c> for the items of an array.
/// </summary>
internal sealed class SchemaIndex
{
    private static readonly ConcurrentDictionary<(string, string), SchemaIndex> Cache = new();

    private SchemaIndex(List<Field> fields) => Fields = fields;

    /// <summary>A value at <see cref="Path"/> of kind <see cref="Kind"/>: <c>codelijst</c>, <c>def</c> or <c>verwijstNaar</c>, named <see cref="Name"/>.</summary>
    internal sealed record Field(string[] Path, string Kind, string Name);

    public IReadOnlyList<Field> Fields { get; }

    public static SchemaIndex For(string release, string entity) =>
        Cache.GetOrAdd((release, entity), key =>
        {
            var fields = new List<Field>();
            Walk(key.Item1, StandardSchemas.Document(key.Item1, key.Item2), [], fields, depth: 0);
            return new SchemaIndex(fields);
        });

    private static void Walk(string release, JsonElement node, List<string> path, List<Field> fields, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > 32)
        {
            return;
        }

        if (node.TryGetProperty("verwijstNaar", out var target) && target.GetString() is { } entity)
        {
            fields.Add(new Field([.. path], "verwijstNaar", entity));
        }

        if (node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r)
        {
            var hash = r.IndexOf('#', StringComparison.Ordinal);
            var file = Path.GetFileName(hash < 0 ? r : r[..hash]);
            var fragment = hash < 0 ? "" : r[(hash + 1)..];
            if (r.Contains("codelijsten/", StringComparison.Ordinal))
            {
                fields.Add(new Field([.. path], "codelijst", file[..^".json".Length]));
            }
            else if (file.EndsWith(".schema.json", StringComparison.Ordinal))
            {
                var document = StandardSchemas.Document(release, file[..^".schema.json".Length]);
                if (fragment.StartsWith("/$defs/", StringComparison.Ordinal))
                {
                    var definition = fragment["/$defs/".Length..];
                    fields.Add(new Field([.. path], "def", definition));
                    Walk(release, document.GetProperty("$defs").GetProperty(definition), path, fields, depth + 1);
                }
                else
                {
                    Walk(release, document, path, fields, depth + 1);
                }
            }
        }

        if (node.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                path.Add(property.Name);
                Walk(release, property.Value, path, fields, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            path.Add("*");
            Walk(release, items, path, fields, depth + 1);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>The values at <paramref name="path"/> in <paramref name="root"/>, each with its JSON Pointer below <paramref name="pointer"/>.</summary>
    public static IEnumerable<(JsonElement Value, LazyPointer Pointer)> Values(JsonElement root, string[] path, string pointer) =>
        Walk(root, LazyPointer.Of(pointer), path, 0);

    // The last step yields its values directly: a long array of scalars costs no iterator or pointer per item.
    private static IEnumerable<(JsonElement Value, LazyPointer Pointer)> Walk(JsonElement node, LazyPointer at, string[] path, int depth)
    {
        if (depth == path.Length)
        {
            yield return (node, at);
            yield break;
        }

        var segment = path[depth];
        var last = depth == path.Length - 1;
        if (segment == "*")
        {
            if (node.ValueKind != JsonValueKind.Array)
            {
                yield break;
            }

            var parent = at.ToString();
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                var here = LazyPointer.Item(parent, i++);
                if (last)
                {
                    yield return (item, here);
                    continue;
                }

                foreach (var found in Walk(item, here, path, depth + 1))
                {
                    yield return found;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var child))
        {
            foreach (var found in Walk(child, LazyPointer.Member(at.ToString(), segment), path, depth + 1))
            {
                yield return found;
            }
        }
    }
}
