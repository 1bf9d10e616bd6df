using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// Draft-07's <c>dependencies</c>: a member's list of names is evaluated as <c>dependentRequired</c>, its schema as
/// <c>dependentSchemas</c>, each reported under <c>dependencies</c>.
/// </summary>
internal static class DependenciesKeyword
{
    /// <summary>Adds the schema object's <c>dependencies</c> (draft-07 only) as the two keywords that replaced it.</summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        if (!at.Dialect.IsDraft7 || !at.Element.TryGetProperty(Catalog.Dependencies.Name, out var dependencies))
        {
            return;
        }

        if (dependencies.ValueKind != JsonValueKind.Object)
        {
            throw SchemaBuilder.Invalid(at, Catalog.Dependencies.Name, "'dependencies' must be an object.");
        }

        var required = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var schemas = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var member in dependencies.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                required[member.Name] = SchemaBuilder.RequireStringArray(at, Catalog.Dependencies.Name + "/" + JsonPointer.Escape(member.Name), member.Value);
            }
            else
            {
                schemas[member.Name] = builder.Child(at, Catalog.Dependencies.Name, member.Value, member.Name);
            }
        }

        if (required.Count > 0)
        {
            add(new DependentRequiredKeyword(Catalog.Dependencies.Name, required));
        }

        if (schemas.Count > 0)
        {
            add(new DependentSchemasKeyword(Catalog.Dependencies.Name, schemas));
        }
    }
}
