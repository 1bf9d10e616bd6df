using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// <c>$ref</c>: the target schema holds for the instance. Read and resolved by the schema builder, which knows every
/// resource (<c>SchemaReference</c> is the one resolution of references in the codebase).
/// </summary>
internal sealed class RefKeyword(string reference) : ReferenceKeyword(Catalog.Ref.Name, reference)
{
    /// <summary>The schema the reference resolves to, set once every resource is known.</summary>
    public SchemaNode? Target { get; set; }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations) =>
        EvaluateTarget(Target!, instance, state, annotations);
}
