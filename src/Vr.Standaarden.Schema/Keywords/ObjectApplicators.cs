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

        return valid || Fail(state, !state.Detailed ? null : SchemaMessages.Properties());
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
                        valid = Fail(state, !state.Detailed ? null : SchemaMessages.PatternTimeout(SchemaMessages.Show(property.Name), regex.Pattern));
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

        return valid || Fail(state, !state.Detailed ? null : SchemaMessages.Properties());
    }
}

/// <summary>
/// Applies one schema to the members of an object that other keywords did not cover: <c>additionalProperties</c>
/// (not named by <c>properties</c> nor matched by <c>patternProperties</c>) and <c>unevaluatedProperties</c> (not
/// evaluated by any adjacent keyword or in-place subschema).
/// </summary>
internal abstract class RemainingPropertiesKeyword(string name, SchemaNode schema) : Keyword(name)
{
    protected abstract bool IsCovered(JsonProperty property, ReadOnlySpan<char> name, Annotations? annotations);

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
            if (IsCovered(property, PropertyName.Get(property, buffer), annotations))
            {
                continue;
            }

            state.PushInstance(property.Name);
            var mark = state.ErrorMark;
            var ok = schema.Evaluate(property.Value, state, null);
            if (!ok && schema.BooleanValue == false)
            {
                // One disallowed property is one error, at the property, not a second one from the 'false' schema.
                state.DiscardErrorsSince(mark);
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.NotAllowed(property.Name));
                state.PopInstance();
                if (!state.Detailed)
                {
                    return false;
                }

                continue;
            }

            state.PopInstance();
            if (!ok)
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.RemainingProperty(property.Name));
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        if (valid)
        {
            annotations?.SetAllProperties();
        }

        return valid;
    }
}

internal sealed class AdditionalPropertiesKeyword : RemainingPropertiesKeyword
{
    private readonly HashSet<string> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly EcmaRegex[] _patterns;

    public AdditionalPropertiesKeyword(SchemaNode schema, IEnumerable<string> names, IEnumerable<EcmaRegex> patterns)
        : base("additionalProperties", schema)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _patterns = [.. patterns];
    }

    protected override bool IsCovered(JsonProperty property, ReadOnlySpan<char> name, Annotations? annotations)
    {
        if (_lookup.Contains(name))
        {
            return true;
        }

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
    private static JsonDocument NameAsJson(string name)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(name.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(name);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            // The name as a JSON string, made without reflection-based serialization (which trimmed and AOT apps lack).
            using var name = NameAsJson(property.Name);
            state.PushInstance(property.Name);
            var ok = schema.Evaluate(name.RootElement, state, null);
            state.PopInstance();
            if (!ok)
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.PropertyName(property.Name));
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}

internal sealed class UnevaluatedPropertiesKeyword(SchemaNode schema)
    : RemainingPropertiesKeyword("unevaluatedProperties", schema)
{
    public override int Order => 100;

    public override bool NeedsAnnotations => true;

    protected override bool IsCovered(JsonProperty property, ReadOnlySpan<char> name, Annotations? annotations) =>
        annotations!.IsPropertyEvaluated(property.Name);
}
