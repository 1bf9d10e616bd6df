using BenchmarkDotNet.Running;

namespace Vr.Standaarden.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>storm [--hours H] [--speed S] [--max-batch B]</c> runs the storm load tool, <c>portal [--incidents N] [--runs R]</c>
    /// the portal in Chromium, <c>restart [--messages M] [--incidents N]</c> a node opened on a national-scale record;
    /// anything else goes to BenchmarkDotNet.
    /// </summary>
    private static int Main(string[] args)
    {
        if (args is ["portal", ..])
        {
            return Exchange.PortalLoad.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args is ["storm", ..])
        {
            return Exchange.StormLoad.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args is ["restart", ..])
        {
            return Exchange.RestartLoad.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
