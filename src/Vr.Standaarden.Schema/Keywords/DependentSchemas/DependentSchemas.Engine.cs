using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// <c>dependentSchemas</c>, and the schemas of draft-07's <c>dependencies</c>: when a member is present, its schema
/// holds for the whole object.
/// </summary>
internal sealed class DependentSchemasKeyword(string name, Dictionary<string, SchemaNode> schemas) : Keyword(name)
{
    /// <summary>Adds the schema object's <c>dependentSchemas</c> (2019-09 and later): an object of schemas.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (!at.Dialect.IsDraft7 && at.Element.TryGetProperty(Catalog.DependentSchemas.Name, out var value))
        {
            add(new DependentSchemasKeyword(Catalog.DependentSchemas.Name, builder.SchemaMap(at, Catalog.DependentSchemas.Name, value)));
        }
    }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (property, schema) in schemas)
        {
            if (!instance.TryGetProperty(property, out _))
            {
                continue;
            }

            state.PushKeyword(JsonPointer.Escape(property));
            var ok = schema.Evaluate(instance, state, annotations);
            state.PopKeyword();
            if (!ok)
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.DependentSchema(property));
                if (!state.Detailed)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
