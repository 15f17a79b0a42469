using Xunit.Abstractions;
using Xunit.Sdk;

namespace RedisLite.Tests.Conformance;

/// <summary>
/// Marks a concrete conformance class that runs against a real <c>redis-server</c>: its <see cref="ConformanceFactAttribute"/>
/// and <see cref="ConformanceTheoryAttribute"/> tests are skipped, like <see cref="RedisFactAttribute"/> ones, when the
/// server is not installed (never on CI).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRedisServerAttribute : Attribute;

/// <summary>
/// A fact of an abstract conformance suite. The suite's tests are inherited by every store under test, so whether to
/// skip depends on the concrete class: classes marked <see cref="RequiresRedisServerAttribute"/> skip when
/// <see cref="RedisServer.SkipReason"/> says so; the in-process classes always run.
/// </summary>
[XunitTestCaseDiscoverer("RedisLite.Tests.Conformance.ConformanceFactDiscoverer", "RedisLite.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;

/// <summary>A theory of an abstract conformance suite; skipped like <see cref="ConformanceFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("RedisLite.Tests.Conformance.ConformanceTheoryDiscoverer", "RedisLite.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceTheoryAttribute : TheoryAttribute;

/// <summary>Decides, per concrete test class, whether a conformance test is skipped.</summary>
internal static class ConformanceSkip
{
    private static readonly string MarkerName = typeof(RequiresRedisServerAttribute).AssemblyQualifiedName!;

    public static string? ReasonFor(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(MarkerName).Any() ? RedisServer.SkipReason : null;

    public static IXunitTestCase SkippedCase(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new ServerSkippedTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}

/// <summary>Discovers <see cref="ConformanceFactAttribute"/> tests.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ConformanceSkip.ReasonFor(testMethod) is { } reason
            ? [ConformanceSkip.SkippedCase(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers <see cref="ConformanceTheoryAttribute"/> tests.</summary>
/// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        ConformanceSkip.ReasonFor(testMethod) is { } reason
            ? [ConformanceSkip.SkippedCase(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>A test case skipped because its Redis server is unavailable; the reason survives serialization to the runner.</summary>
public sealed class ServerSkippedTestCase : XunitTestCase
{
    private string? _reason;

    /// <summary>For the deserializer only.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ServerSkippedTestCase()
    {
    }

    /// <summary>Creates the skipped case.</summary>
    /// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
    /// <param name="defaultMethodDisplay">How to display the method.</param>
    /// <param name="defaultMethodDisplayOptions">Display options.</param>
    /// <param name="testMethod">The test method.</param>
    /// <param name="reason">Why it is skipped.</param>
    public ServerSkippedTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        string reason)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
        _reason = reason;
    }

    /// <inheritdoc/>
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason ?? base.GetSkipReason(factAttribute);

    /// <inheritdoc/>
    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("ServerSkipReason", _reason);
    }

    /// <inheritdoc/>
    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _reason = data.GetValue<string>("ServerSkipReason");
        base.Deserialize(data);
    }
}
