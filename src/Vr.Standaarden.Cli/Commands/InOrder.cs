namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// Work on many inputs on several cores, handed back in the order of the inputs: what a command writes is the same as
/// when it did one at a time.
/// </summary>
internal static class InOrder
{
    /// <summary>
    /// Runs <paramref name="work"/> on each of <paramref name="inputs"/>, at most <paramref name="jobs"/> at once, and
    /// passes each result to <paramref name="next"/> in input order; stops (leaving the rest unwritten) when it returns
    /// <c>false</c>. <paramref name="work"/> catches what it expects: an exception it lets out ends the run.
    /// </summary>
    public static void Run<T>(IReadOnlyList<string> inputs, int jobs, Func<string, T> work, Func<string, T, bool> next)
    {
        if (jobs <= 1 || inputs.Count <= 1)
        {
            foreach (var input in inputs)
            {
                if (!next(input, work(input)))
                {
                    return;
                }
            }

            return;
        }

        var results = inputs.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Min(jobs, 512)).Select(input => (input, work(input)));
        foreach (var (input, result) in results)
        {
            if (!next(input, result))
            {
                return;
            }
        }
    }
}
