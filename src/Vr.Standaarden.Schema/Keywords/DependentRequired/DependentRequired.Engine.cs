using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// <c>dependentRequired</c>, and the name lists of draft-07's <c>dependencies</c>: when a member is present, the members
/// it names must be too.
/// </summary>
internal sealed class DependentRequiredKeyword(string name, Dictionary<string, string[]> dependencies) : Keyword(name)
{
    /// <summary>Adds the schema object's <c>dependentRequired</c> (2019-09 and later): an object of string arrays.</summary>
    public static void Build(Location at, Action<Keyword> add)
    {
        if (at.Dialect.IsDraft7 || !at.Element.TryGetProperty(Catalog.DependentRequired.Name, out var value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw SchemaBuilder.Invalid(at, Catalog.DependentRequired.Name, "'dependentRequired' must be an object.");
        }

        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            map[member.Name] = SchemaBuilder.RequireStringArray(at, Catalog.DependentRequired.Name + "/" + JsonPointer.Escape(member.Name), member.Value);
        }

        add(new DependentRequiredKeyword(Catalog.DependentRequired.Name, map));
    }

    /// <inheritdoc/>
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
