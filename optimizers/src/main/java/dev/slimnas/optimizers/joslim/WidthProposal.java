package dev.slimnas.optimizers.joslim;

import dev.slimnas.space.search.ArchEncoding;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How new width configurations are chosen for target costs: a Gaussian-process surrogate of the loss
 * ({@link GpProposal}, the paper's choice), an evolutionary step from front members
 * ({@link EvolutionaryProposal}), or uniform random points projected onto the target
 * ({@link RandomProposal}, the baseline).
 */
public sealed interface WidthProposal permits GpProposal, EvolutionaryProposal, RandomProposal {

  /**
   * One canonical encoding per target cost, distinct from the archive and from each other where the
   * proposal finds such within its bounded number of attempts; each hits its target within the context's
   * tolerance where the domain allows it, else comes as close as it could.
   */
  List<ArchEncoding> propose(ProposalContext context, double[] targets, RandomGenerator rng);

  /** A short name for reports ({@code gp}, {@code evolutionary}, {@code random}). */
  String name();
}
