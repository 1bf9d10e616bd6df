using System.Text;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>
/// Mutable state of one evaluation. In flag mode it only tracks the dynamic scope and the recursion guards; in
/// detailed mode it also keeps the evaluation path and the instance location, and collects located errors.
/// </summary>
internal sealed class EvaluationState
{
    [ThreadStatic]
    private static EvaluationState? _cached;

    private readonly List<string> _keywordPath = [];
    private readonly List<string> _instancePath = [];
    private readonly List<SchemaResource> _dynamicScope = [];
    private readonly List<(SchemaNode Node, int InstanceDepth)> _activeReferences = [];

    public EvaluationState(bool detailed, int maxDepth)
    {
        Detailed = detailed;
        MaxDepth = maxDepth;
        Errors = detailed ? [] : null;
    }

    /// <summary>A flag-mode state for this thread, reused across evaluations; give it back with <see cref="Return"/>.</summary>
    public static EvaluationState RentFast(int maxDepth)
    {
        var state = _cached;
        if (state is null || state.MaxDepth != maxDepth)
        {
            return new EvaluationState(detailed: false, maxDepth);
        }

        _cached = null;
        return state;
    }

    public static void Return(EvaluationState state)
    {
        // An evaluation that stopped early (first failure) can leave entries behind.
        state._dynamicScope.Clear();
        state._activeReferences.Clear();
        state.InstanceDepth = 0;
        state.Nesting = 0;
        _cached = state;
    }

    public bool Detailed { get; }

    public int MaxDepth { get; }

    public List<OutputUnit>? Errors { get; }

    public int InstanceDepth { get; private set; }

    public int Nesting { get; set; }

    public IReadOnlyList<SchemaResource> DynamicScope => _dynamicScope;

    public SchemaResource? CurrentResource => _dynamicScope.Count == 0 ? null : _dynamicScope[^1];

    public void EnterResource(SchemaResource resource) => _dynamicScope.Add(resource);

    public void LeaveResource() => _dynamicScope.RemoveAt(_dynamicScope.Count - 1);

    public void PushKeyword(string segment)
    {
        if (Detailed)
        {
            _keywordPath.Add(segment);
        }
    }

    public void PopKeyword()
    {
        if (Detailed)
        {
            _keywordPath.RemoveAt(_keywordPath.Count - 1);
        }
    }

    public void PushInstance(string token)
    {
        InstanceDepth++;
        if (Detailed)
        {
            _instancePath.Add(JsonPointer.Escape(token));
        }
    }

    public void PushInstance(int index)
    {
        InstanceDepth++;
        if (Detailed)
        {
            _instancePath.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void PopInstance()
    {
        InstanceDepth--;
        if (Detailed)
        {
            _instancePath.RemoveAt(_instancePath.Count - 1);
        }
    }

    /// <summary>
    /// Registers entry into a reference target; <c>false</c> when the same target is already being evaluated for the
    /// same instance (a cycle that makes no progress through the instance).
    /// </summary>
    public bool EnterReference(SchemaNode target)
    {
        for (var i = _activeReferences.Count - 1; i >= 0 && _activeReferences[i].InstanceDepth == InstanceDepth; i--)
        {
            if (ReferenceEquals(_activeReferences[i].Node, target))
            {
                return false;
            }
        }

        _activeReferences.Add((target, InstanceDepth));
        return true;
    }

    public void LeaveReference() => _activeReferences.RemoveAt(_activeReferences.Count - 1);

    public string InstanceLocation => Join(_instancePath);

    public string KeywordLocation => Join(_keywordPath);

    /// <summary>The position in the error list to come back to with <see cref="DiscardErrorsSince"/>.</summary>
    public int ErrorMark => Errors?.Count ?? 0;

    /// <summary>
    /// Drops the errors recorded since <paramref name="mark"/>: those of subschemas whose failure is not a failure of
    /// the keyword that applied them (a branch of a valid anyOf, the schema under not, the if condition, ...).
    /// </summary>
    public void DiscardErrorsSince(int mark) => Errors?.RemoveRange(mark, Errors.Count - mark);

    /// <summary>Records an error for the keyword on top of the evaluation path. Call only when <see cref="Detailed"/>.</summary>
    public void AddError(Keyword keyword, LocalizedText message) =>
        Errors!.Add(new OutputUnit(keyword.Name, KeywordLocation, keyword.AbsoluteLocation, InstanceLocation, message));

    private static string Join(List<string> segments)
    {
        if (segments.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            builder.Append('/').Append(segment);
        }

        return builder.ToString();
    }
}
