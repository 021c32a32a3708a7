namespace Campaigns.Domain.Models;

/// <summary>
/// The kinds of model the app trains and serves. Stored by value: append new kinds, never renumber. Each kind's
/// definition (title, main metric, artifact check, trainer, monitor) is registered in <c>Campaigns.Application.Models.ModelKinds</c>.
/// </summary>
public enum ModelKind { UpliftTargeting, CopyGenerator, CtrRanker, ToneClassifier, OfferTargeting, CustomerInsights }
