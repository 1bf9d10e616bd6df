using System.Reflection;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Transport.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Vr.Standaarden.Transport")]
    [InlineData("Vr.Standaarden.Transport.Http")]
    [InlineData("Vr.Standaarden.Transport.Nats")]
    [InlineData("Vr.Standaarden.Transport.Sqlite")]
    public void Public_api_matches_the_approved_file(string assembly) =>
        PublicApiApproval.Verify(Assembly.Load(assembly));
}
