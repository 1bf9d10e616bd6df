using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>propertyNames</c>: every member name, as a JSON string, is valid under the schema.</summary>
internal sealed class PropertyNamesKeyword(SchemaNode schema) : Keyword(Catalog.PropertyNames.Name)
{
    /// <summary>Adds the schema object's <c>propertyNames</c>: a schema.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (at.Element.TryGetProperty(Catalog.PropertyNames.Name, out var value))
        {
            add(new PropertyNamesKeyword(builder.Child(at, Catalog.PropertyNames.Name, value)));
        }
    }

    private static JsonDocument NameAsJson(string name)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(name.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(name);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <inheritdoc/>
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
