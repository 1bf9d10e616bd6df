using SharpFuzz;

namespace Vr.Standaarden.Fuzzing;

/// <summary>
/// <c>Vr.Standaarden.Fuzzing &lt;target&gt;</c> under afl-fuzz (SharpFuzz's persistent mode);
/// <c>Vr.Standaarden.Fuzzing &lt;target&gt; &lt;file&gt;...</c> runs the target once per file, for reproducing a crash.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Vr.Standaarden.Fuzzing <{string.Join('|', Targets.All.Keys)}> [file...]");
            return 2;
        }

        if (args.Length > 1)
        {
            foreach (var file in args[1..])
            {
                target(File.ReadAllBytes(file));
            }

            return 0;
        }

        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target(copy.ToArray());
        });
        return 0;
    }
}
