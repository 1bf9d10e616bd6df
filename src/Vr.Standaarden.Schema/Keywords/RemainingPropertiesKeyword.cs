using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// Applies one schema to the members of an object that other keywords did not cover: <c>additionalProperties</c>
/// (not named by <c>properties</c> nor matched by <c>patternProperties</c>) and <c>unevaluatedProperties</c> (not
/// evaluated by any adjacent keyword or in-place subschema).
/// </summary>
internal abstract class RemainingPropertiesKeyword(string name, SchemaNode schema) : Keyword(name)
{
    protected abstract bool IsCovered(JsonProperty property, ReadOnlySpan<char> name, Annotations? annotations);

    /// <inheritdoc/>
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
