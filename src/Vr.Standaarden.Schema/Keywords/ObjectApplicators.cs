using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

internal sealed class PropertiesKeyword : Keyword
{
    private readonly Dictionary<string, SchemaNode> _schemas;
    private readonly Dictionary<string, SchemaNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PropertiesKeyword(Dictionary<string, SchemaNode> schemas) : base("properties")
    {
        _schemas = schemas;
        _lookup = schemas.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyCollection<string> Names => _schemas.Keys;

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[PropertyName.BufferLength];
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            if (!_lookup.TryGetValue(PropertyName.Get(property, buffer), out var name, out var schema))
            {
                continue;
            }

            annotations?.AddProperty(name);
            state.PushKeyword(JsonPointer.Escape(name));
            state.PushInstance(name);
            var ok = schema.Evaluate(property.Value, state, null);
            state.PopInstance();
            state.PopKeyword();
            if (!ok)
            {
                valid = false;
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid || Fail(state, "One or more properties do not match their schemas.");
    }
}

internal sealed class PatternPropertiesKeyword((EcmaRegex Regex, SchemaNode Schema)[] patterns) : Keyword("patternProperties")
{
    public IEnumerable<EcmaRegex> Patterns => patterns.Select(p => p.Regex);

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[PropertyName.BufferLength];
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var name = PropertyName.Get(property, buffer);
            foreach (var (regex, schema) in patterns)
            {
                if (!regex.IsMatch(name, out var timedOut))
                {
                    if (timedOut)
                    {
                        valid = Fail(state, $"Matching property '{property.Name}' against {regex.Pattern} took longer than the limit.");
                    }

                    continue;
                }

                annotations?.AddProperty(property.Name);
                state.PushKeyword(JsonPointer.Escape(regex.Pattern));
                state.PushInstance(property.Name);
                var ok = schema.Evaluate(property.Value, state, null);
                state.PopInstance();
                state.PopKeyword();
                if (!ok)
                {
                    valid = false;
                }
            }

            if (!valid && !state.Detailed)
            {
                return false;
            }
        }

        return valid || Fail(state, "One or more properties do not match the schemas of their patterns.");
    }
}

internal sealed class AdditionalPropertiesKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly HashSet<string> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly EcmaRegex[] _patterns;

    public AdditionalPropertiesKeyword(SchemaNode schema, IEnumerable<string> names, IEnumerable<EcmaRegex> patterns) : base("additionalProperties")
    {
        _schema = schema;
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _patterns = [.. patterns];
    }

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[PropertyName.BufferLength];
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var name = PropertyName.Get(property, buffer);
            if (_lookup.Contains(name) || MatchesPattern(name))
            {
                continue;
            }

            state.PushInstance(property.Name);
            var ok = _schema.Evaluate(property.Value, state, null);
            state.PopInstance();
            if (!ok)
            {
                valid = Fail(state, _schema.BooleanValue == false
                    ? $"Property '{property.Name}' is not allowed."
                    : $"Additional property '{property.Name}' does not match the schema.");
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        annotations?.SetAllProperties();
        return valid;
    }

    private bool MatchesPattern(ReadOnlySpan<char> name)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(name, out _))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class PropertyNamesKeyword(SchemaNode schema) : Keyword("propertyNames")
{
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            using var name = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(property.Name));
            state.PushInstance(property.Name);
            var ok = schema.Evaluate(name.RootElement, state, null);
            state.PopInstance();
            if (!ok)
            {
                valid = Fail(state, $"Property name '{property.Name}' does not match the schema of propertyNames.");
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}

internal sealed class UnevaluatedPropertiesKeyword(SchemaNode schema) : Keyword("unevaluatedProperties")
{
    public override int Order => 100;

    public override bool NeedsAnnotations => true;

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            if (annotations!.IsPropertyEvaluated(property.Name))
            {
                continue;
            }

            state.PushInstance(property.Name);
            var ok = schema.Evaluate(property.Value, state, null);
            state.PopInstance();
            if (!ok)
            {
                valid = Fail(state, schema.BooleanValue == false
                    ? $"Property '{property.Name}' is not allowed (not evaluated by any other keyword)."
                    : $"Unevaluated property '{property.Name}' does not match the schema.");
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        if (valid)
        {
            annotations!.SetAllProperties();
        }

        return valid;
    }
}
