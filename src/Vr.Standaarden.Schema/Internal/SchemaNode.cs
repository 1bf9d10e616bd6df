using System.Text.Json;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>A schema resource: a schema object with its own base URI (the document root or a <c>$id</c>).</summary>
internal sealed class SchemaResource(Uri baseUri)
{
    public Uri BaseUri { get; } = baseUri;

    public SchemaNode? Root { get; set; }

    /// <summary>2020-12 <c>$dynamicAnchor</c>s declared in this resource, filled when the schema is built.</summary>
    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the resource root declares <c>"$recursiveAnchor": true</c> (2019-09).</summary>
    public bool RecursiveAnchor { get; set; }
}

/// <summary>
/// One schema (object or boolean) in the built graph. Immutable after the build; evaluation state lives in
/// <see cref="EvaluationState"/>, so one node can serve any number of concurrent evaluations.
/// </summary>
internal sealed class SchemaNode
{
    private Keyword[] _keywords = [];

    public SchemaNode(SchemaResource resource, string absoluteLocation, bool? booleanValue)
    {
        Resource = resource;
        AbsoluteLocation = absoluteLocation;
        BooleanValue = booleanValue;
    }

    public SchemaResource Resource { get; }

    /// <summary>The node's absolute URI: resource base URI plus a JSON Pointer fragment.</summary>
    public string AbsoluteLocation { get; }

    /// <summary><c>true</c> or <c>false</c> for a boolean schema; <c>null</c> for an object schema.</summary>
    public bool? BooleanValue { get; }

    public bool TracksAnnotations { get; private set; }

    public IReadOnlyList<Keyword> Keywords => _keywords;

    public void SetKeywords(List<Keyword> keywords)
    {
        keywords.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        _keywords = [.. keywords];
        TracksAnnotations = keywords.Exists(static k => k.NeedsAnnotations);
    }

    public bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (BooleanValue is bool value)
        {
            if (!value && state.Detailed)
            {
                state.Errors!.Add(new OutputUnit("false", state.KeywordLocation, AbsoluteLocation, state.InstanceLocation, SchemaMessages.False()));
            }

            return value;
        }

        if (++state.Nesting > state.MaxDepth)
        {
            state.Nesting--;
            if (state.Detailed)
            {
                state.Errors!.Add(new OutputUnit(string.Empty, state.KeywordLocation, AbsoluteLocation, state.InstanceLocation,
                    new LocalizedText($"Evaluation nested deeper than the limit of {state.MaxDepth} schemas.", $"De evaluatie ging dieper dan de grens van {state.MaxDepth} schema's.")));
            }

            return false;
        }

        var entered = !ReferenceEquals(Resource, state.CurrentResource);
        if (entered)
        {
            state.EnterResource(Resource);
        }

        var local = TracksAnnotations ? new Annotations() : annotations;
        var valid = true;
        var keywords = _keywords;
        for (var i = 0; i < keywords.Length; i++)
        {
            var keyword = keywords[i];
            state.PushKeyword(keyword.Name);
            var ok = keyword.Evaluate(instance, state, local);
            state.PopKeyword();
            if (!ok)
            {
                valid = false;
                if (!state.Detailed)
                {
                    break;
                }
            }
        }

        if (TracksAnnotations && valid && annotations is not null)
        {
            annotations.Merge(local!);
        }

        if (entered)
        {
            state.LeaveResource();
        }

        state.Nesting--;
        return valid;
    }
}

/// <summary>
/// A keyword with its value checked and its subschemas built. Stateless during evaluation.
/// </summary>
internal abstract class Keyword(string name)
{
    public string Name { get; } = name;

    /// <summary>Absolute URI of the keyword in its schema resource (for output units).</summary>
    public string AbsoluteLocation { get; set; } = string.Empty;

    /// <summary>Evaluation order within a schema object: the <c>unevaluated*</c> keywords run last.</summary>
    public virtual int Order => 0;

    /// <summary>Whether the keyword reads the annotations of its siblings (the <c>unevaluated*</c> keywords).</summary>
    public virtual bool NeedsAnnotations => false;

    public abstract bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations);

    /// <summary>
    /// Records a failure (in detailed mode) and returns <c>false</c>. Callers pass <c>null</c> for the text when
    /// <see cref="EvaluationState.Detailed"/> is off, so the flag format builds no text for a branch that fails.
    /// </summary>
    protected bool Fail(EvaluationState state, LocalizedText? message)
    {
        if (state.Detailed)
        {
            state.AddError(this, message ?? throw new InvalidOperationException("A detailed evaluation needs the failure's text."));
        }

        return false;
    }
}
