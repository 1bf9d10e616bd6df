using System.Globalization;
using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

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

internal sealed class TypeKeyword(JsonTypes types, string[] names) : Keyword("type")
{
    public override int Order => -10;

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

internal sealed class ConstKeyword(JsonElement value) : Keyword("const")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations) =>
        JsonValues.DeepEquals(instance, value) || Fail(state, !state.Detailed ? null : SchemaMessages.Const(SchemaMessages.Show(value)));
}

internal sealed class EnumKeyword(JsonElement[] values) : Keyword("enum")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        foreach (var value in values)
        {
            if (JsonValues.DeepEquals(instance, value))
            {
                return true;
            }
        }

        return Fail(state, !state.Detailed ? null : SchemaMessages.Enum(SchemaMessages.Show(instance)));
    }
}


internal sealed class DependentRequiredKeyword(string name, Dictionary<string, string[]> dependencies) : Keyword(name)
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (property, required) in dependencies)
        {
            if (!instance.TryGetProperty(property, out _))
            {
                continue;
            }

            foreach (var other in required)
            {
                if (!instance.TryGetProperty(other, out _))
                {
                    valid = Fail(state, !state.Detailed ? null : SchemaMessages.DependentRequired(other, property));
                    if (!state.Detailed)
                    {
                        return false;
                    }
                }
            }
        }

        return valid;
    }
}
