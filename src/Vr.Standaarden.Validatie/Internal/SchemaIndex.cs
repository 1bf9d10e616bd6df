using System.Collections.Concurrent;
using System.Text.Json;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

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

    private readonly ConcurrentDictionary<string, PathTrie> _tries = new(StringComparer.Ordinal);

    /// <summary>
    /// The values in <paramref name="data"/> of the fields of <paramref name="kind"/>, in document order, found in one walk
    /// over the data (the fields' paths share their prefixes) and handed out one by one, so a long list costs no memory.
    /// </summary>
    public IEnumerable<(JsonElement Value, LazyPointer Pointer, string Name)> Values(JsonElement data, string kind, string pointer) =>
        _tries.GetOrAdd(kind, k => PathTrie.Build(Fields.Where(f => f.Kind == k))).Collect(data, LazyPointer.Of(pointer));

    /// <summary>The paths of some fields as a tree: one walk over the data finds the values of all of them.</summary>
    private sealed class PathTrie
    {
        private readonly Dictionary<string, PathTrie> _members = new(StringComparer.Ordinal);
        private readonly List<string> _ends = [];
        private PathTrie? _items;

        public static PathTrie Build(IEnumerable<Field> fields)
        {
            var root = new PathTrie();
            foreach (var field in fields)
            {
                var node = root;
                foreach (var segment in field.Path)
                {
                    if (segment == "*")
                    {
                        node = node._items ??= new PathTrie();
                    }
                    else if (!node._members.TryGetValue(segment, out var next))
                    {
                        node = node._members[segment] = new PathTrie();
                    }
                    else
                    {
                        node = next;
                    }
                }

                node._ends.Add(field.Name);
            }

            return root;
        }

        // Depth-first with an explicit stack: one iterator for the whole walk, whatever the depth or length of the data.
        public IEnumerable<(JsonElement Value, LazyPointer Pointer, string Name)> Collect(JsonElement data, LazyPointer start)
        {
            var pending = new Stack<(PathTrie Trie, JsonElement Node, LazyPointer At)>();
            pending.Push((this, data, start));
            var children = new List<(PathTrie, JsonElement, LazyPointer)>();
            while (pending.Count > 0)
            {
                var (trie, node, at) = pending.Pop();
                foreach (var name in trie._ends)
                {
                    yield return (node, at, name);
                }

                children.Clear();
                if (trie._members.Count > 0 && node.ValueKind == JsonValueKind.Object)
                {
                    string? here = null;
                    foreach (var property in node.EnumerateObject())
                    {
                        if (trie._members.TryGetValue(property.Name, out var child))
                        {
                            children.Add((child, property.Value, LazyPointer.Member(here ??= at.ToString(), property.Name)));
                        }
                    }
                }

                if (trie._items is { } items && node.ValueKind == JsonValueKind.Array)
                {
                    var parent = at.ToString();
                    var i = 0;
                    var leaves = items._members.Count == 0 && items._items is null;
                    foreach (var item in node.EnumerateArray())
                    {
                        var here = LazyPointer.Item(parent, i++);
                        if (!leaves)
                        {
                            children.Add((items, item, here));
                            continue;
                        }

                        // Leaves straight away: a long array of values costs no stack entry per item.
                        foreach (var name in items._ends)
                        {
                            yield return (item, here, name);
                        }
                    }
                }

                for (var c = children.Count - 1; c >= 0; c--)
                {
                    pending.Push(children[c]);
                }
            }
        }
    }

    public static SchemaIndex For(string release, string entity) =>
        Cache.GetOrAdd((release, entity), key =>
        {
            var fields = new List<Field>();
            var release = Standard.Release(key.Item1);
            var file = release.Schema(key.Item2);
            Walk(release, file, file.Root, [], fields, depth: 0);
            return new SchemaIndex(fields);
        });

    private static void Walk(StandardRelease release, StandardFile file, JsonElement node, List<string> path, List<Field> fields, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > 32)
        {
            return;
        }

        if (node.TryGetProperty(KeywordCatalog.VerwijstNaar.Name, out var target) && target.GetString() is { } entity)
        {
            fields.Add(new Field([.. path], "verwijstNaar", entity));
        }

        if (node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference) && reference.GetString() is { } r && release.TryResolve(file, r, out var referenced))
        {
            if (referenced.File.Path.StartsWith("codelijsten/", StringComparison.Ordinal))
            {
                fields.Add(new Field([.. path], "codelijst", referenced.File.Name));
            }
            else
            {
                const string Definitions = "/$defs/";
                if (referenced.JsonPointer.StartsWith(Definitions, StringComparison.Ordinal))
                {
                    fields.Add(new Field([.. path], "def", referenced.JsonPointer[Definitions.Length..]));
                }

                Walk(release, referenced.File, referenced.Node, path, fields, depth + 1);
            }
        }

        if (node.TryGetProperty(KeywordCatalog.Properties.Name, out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                path.Add(property.Name);
                Walk(release, file, property.Value, path, fields, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }

        if (node.TryGetProperty(KeywordCatalog.Items.Name, out var items))
        {
            path.Add("*");
            Walk(release, file, items, path, fields, depth + 1);
            path.RemoveAt(path.Count - 1);
        }
    }
}
