using System.Globalization;
using System.Text.Json;

namespace Vr.Standaarden.Validatie.Internal;

/// <summary>One message under evaluation: its envelope, its data, the date it speaks of, and the findings so far.</summary>
internal sealed class RuleContext(JsonElement message, string release, string entity, ValidationOptions options)
{
    public const string DataPointer = "/data";

    public JsonElement Message { get; } = message;

    public JsonElement Data { get; } = message.TryGetProperty("data", out var data) ? data : default;

    public string Release { get; } = release;

    public string Entity { get; } = entity;

    public ValidationOptions Options { get; } = options;

    /// <summary>The date the message speaks of: the date of the envelope's <c>time</c> in its own offset.</summary>
    public DateOnly? Date { get; } = Timestamp(message, "time") is { } time ? DateOnly.FromDateTime(time.DateTime) : null;

    // The findings of each rule by its index, so they come out in the order of the rules whatever order they were found in.
    private List<Finding>?[]? _findings;
    private object?[]? _state;

    /// <summary>The findings so far, rule by rule in the order of <see cref="DomainRules.Instances"/>.</summary>
    public IEnumerable<Finding> Findings => _findings is null ? [] : _findings.Where(f => f is not null).SelectMany(f => f!);

    public void Report(DomainRule rule, string pointer, string message, string bericht) =>
        ((_findings ??= new List<Finding>?[DomainRules.Instances.Count])[rule.Index] ??= []).Add(
            new Finding(rule.Info.Code, rule.Info.Severity, pointer, new Schema.LocalizedText(message, bericht)));

    /// <summary>What <paramref name="rule"/> keeps while it visits this message's objects or positions, made when it first asks.</summary>
    public T State<T>(DomainRule rule)
        where T : class, new() =>
        (T)((_state ??= new object?[DomainRules.Instances.Count])[rule.Index] ??= new T());

    /// <summary>Walks the fields of each kind once, showing every value to each rule of that kind.</summary>
    public void WalkFields(IReadOnlyList<(string Kind, FieldRule[] Rules)> rulesByKind)
    {
        foreach (var (kind, rules) in rulesByKind)
        {
            foreach (var (value, pointer, name) in Fields(kind))
            {
                foreach (var rule in rules)
                {
                    rule.Visit(this, value, pointer, name);
                }
            }
        }
    }

    /// <summary>
    /// Walks the data once: every object, in document order, to each of <paramref name="objectRules"/>, and every position
    /// in it, with its area check made once, to each of <paramref name="positionRules"/>.
    /// </summary>
    public void Walk(IReadOnlyList<ObjectRule> objectRules, IReadOnlyList<PositionRule> positionRules)
    {
        foreach (var (node, pointer) in Objects(Data, DataPointer))
        {
            foreach (var rule in objectRules)
            {
                rule.Visit(this, node, pointer);
            }

            if (positionRules.Count == 0)
            {
                continue;
            }

            foreach (var position in Rules.Positions.In(node, pointer, Options.Area))
            {
                foreach (var rule in positionRules)
                {
                    rule.Visit(this, position);
                }
            }
        }
    }

    /// <summary>The message's code-list values, found by the first rule that asks and shared by the others (<c>CodeValues.Of</c>).</summary>
    public IReadOnlyList<(Begrippen.Code Code, Begrippen.Codelijst List, LazyPointer Pointer)>? Codes { get; set; }

    /// <summary>The values in the data of fields of <paramref name="kind"/> (optionally only those named <paramref name="name"/>), in document order.</summary>
    public IEnumerable<(JsonElement Value, LazyPointer Pointer, string Name)> Fields(string kind, string? name = null)
    {
        if (Data.ValueKind == JsonValueKind.Undefined || Entity.Length == 0)
        {
            return [];
        }

        var all = SchemaIndex.For(Release, Entity).Values(Data, kind, DataPointer);
        return name is null ? all : all.Where(f => f.Name == name);
    }

    /// <summary>
    /// Every object in <paramref name="node"/>, itself included, in document order, with its pointer. Only arrays and
    /// objects are visited; a pointer is written out for an object only when one below it is visited.
    /// </summary>
    public static IEnumerable<(JsonElement Node, LazyPointer Pointer)> Objects(JsonElement node, string pointer)
    {
        var pending = new Stack<(JsonElement Node, LazyPointer Pointer)>();
        pending.Push((node, LazyPointer.Of(pointer)));
        var children = new List<(JsonElement, LazyPointer)>();
        while (pending.Count > 0)
        {
            var (current, at) = pending.Pop();
            if (current.ValueKind == JsonValueKind.Object)
            {
                yield return (current, at);
            }

            children.Clear();
            string? here = null;
            if (current.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in current.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Object || HoldsContainers(property.Value))
                    {
                        children.Add((property.Value, LazyPointer.Member(here ??= at.ToString(), property.Name)));
                    }
                }
            }
            else if (current.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in current.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object || HoldsContainers(item))
                    {
                        children.Add((item, LazyPointer.Item(here ??= at.ToString(), i)));
                    }

                    i++;
                }
            }

            for (var c = children.Count - 1; c >= 0; c--)
            {
                pending.Push(children[c]);
            }
        }
    }

    // An array of scalars (a GeoJSON position, a list of codes) holds no object: it is not visited at all.
    private static bool HoldsContainers(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The RFC 3339 timestamp in member <paramref name="name"/>, or <c>null</c> when absent or unreadable (the schema reports that).</summary>
    public static DateTimeOffset? Timestamp(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;

    /// <summary>The string in member <paramref name="name"/>, or <c>null</c>.</summary>
    public static string? Text(JsonElement node, string name) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
