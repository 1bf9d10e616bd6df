using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// 2019-09 <c>$recursiveRef</c>: a <c>$ref</c> whose target is the outermost resource in the dynamic scope with
/// <c>$recursiveAnchor: true</c>, when its static target has it.
/// </summary>
internal sealed class RecursiveRefKeyword(string reference) : ReferenceKeyword(Catalog.RecursiveRef.Name, reference)
{
    /// <summary>The schema the reference resolves to, set once every resource is known.</summary>
    public SchemaNode? Target { get; set; }

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        var target = Target!;
        if (target.Resource.RecursiveAnchor)
        {
            var scope = state.DynamicScope;
            for (var i = 0; i < scope.Count; i++)
            {
                if (scope[i].RecursiveAnchor && scope[i].Root is { } root)
                {
                    target = root;
                    break;
                }
            }
        }

        return EvaluateTarget(target, instance, state, annotations);
    }
}
