namespace Campaigns.Analytics;

/// <summary>
/// Two overlapping experiments read together: how many customers they share, the test that assignment in one does not
/// depend on the other (χ², df, p), and the test that the first's effect is the same in each of the second's arms.
/// </summary>
public sealed record InteractionResult(
    long SharedCustomers, double ChiSquare, int DegreesOfFreedom, double DependencePValue, bool AssignmentDependent,
    double InteractionPValue, bool EffectsInteract);
