using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Validatie;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of Vr.Standaarden in a service collection.</summary>
public static class VrStandaardenServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons: <see cref="ValidationOptions"/> (configured by <paramref name="configure"/>),
    /// <see cref="MessageValidator"/>, and a <see cref="SchemaRegistry"/> holding the schemas and code lists of every
    /// release, for building schemas of your own that refer to the standard. Existing registrations are kept.
    /// </summary>
    public static IServiceCollection AddVrStandaarden(this IServiceCollection services, Action<ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ValidationOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new MessageValidator(provider.GetRequiredService<ValidationOptions>()));
        services.TryAddSingleton(_ => StandardSchemas.CreateRegistry());
        return services;
    }
}
