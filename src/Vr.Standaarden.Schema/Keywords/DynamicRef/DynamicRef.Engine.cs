using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// 2020-12 <c>$dynamicRef</c>: a <c>$ref</c> whose target is the outermost schema in the dynamic scope with the same
/// <c>$dynamicAnchor</c>, when its static target declares one.
/// </summary>
internal sealed class DynamicRefKeyword(string reference, string? anchor) : ReferenceKeyword(Catalog.DynamicRef.Name, reference)
{
    /// <summary>The schema the reference resolves to, set once every resource is known.</summary>
    public SchemaNode? Target { get; set; }

    /// <summary>Set when the statically resolved target declares the same <c>$dynamicAnchor</c>, which makes the reference dynamic.</summary>
    public bool IsDynamic { get; set; }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var target = Target!;
        if (IsDynamic)
        {
            var scope = state.DynamicScope;
            for (var i = 0; i < scope.Count; i++)
            {
                if (scope[i].DynamicAnchors.TryGetValue(anchor!, out var outermost))
                {
                    target = outermost;
                    break;
                }
            }
        }

        return EvaluateTarget(target, instance, state, annotations);
    }
}
