using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>The JSON types a <c>type</c> allows.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}

/// <summary><c>type</c>: the JSON types an instance may have (<c>integer</c>: a number with no fraction).</summary>
internal sealed class TypeKeyword(JsonTypes types, string[] names) : Keyword(Catalog.Type.Name)
{
    /// <summary>Adds the schema object's <c>type</c>: one type name or an array of them.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (!at.Element.TryGetProperty(Catalog.Type.Name, out var type))
        {
            return;
        }

        var types = JsonTypes.None;
        var names = new List<string>();
        void One(JsonElement value)
        {
            var name = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            types |= name switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "string" => JsonTypes.String,
                "integer" => JsonTypes.Integer,
                _ => throw SchemaBuilder.Invalid(at, Catalog.Type.Name, $"'type' holds {value.GetRawText()}, which is not one of null, boolean, object, array, number, string, integer."),
            };
            names.Add(name!);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                One(item);
            }
        }
        else
        {
            One(type);
        }

        add(new TypeKeyword(types, [.. names]));
    }

    public override int Order => -10;

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var ok = instance.ValueKind switch
        {
            JsonValueKind.Null => (types & JsonTypes.Null) != 0,
            JsonValueKind.True or JsonValueKind.False => (types & JsonTypes.Boolean) != 0,
            JsonValueKind.Object => (types & JsonTypes.Object) != 0,
            JsonValueKind.Array => (types & JsonTypes.Array) != 0,
            JsonValueKind.String => (types & JsonTypes.String) != 0,
            JsonValueKind.Number => (types & JsonTypes.Number) != 0 || ((types & JsonTypes.Integer) != 0 && JsonValues.IsInteger(instance)),
            _ => false,
        };
        return ok || Fail(state, !state.Detailed ? null : SchemaMessages.Type(names));
    }
}
