package dev.slimnas.optimizers.nsga;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import io.jenetics.Chromosome;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.engine.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * The genetic encoding of a space's architectures for Jenetics, kept apart from the domain: a Jenetics
 * genotype has one gene type, so the op choice of each searchable block is a double gene {@code u} in
 * [0, 1) read as op {@code floor(u * k)} of its k ops, in one chromosome; the width multipliers are a
 * second chromosome of double genes in [min, max) of the space's width range. Fixed blocks take op 0. A
 * space with fixed widths has no width chromosome, one without searchable blocks no op chromosome.
 */
final class ArchCodec {
  private final SearchSpace space;
  private final int[] searchable;
  private final int[] cardinality;
  private final int groups;
  private final boolean opsChromosome;
  private final boolean widthChromosome;

  ArchCodec(SearchSpace space) {
    this.space = space;
    this.searchable = space.searchableBlocks().stream().mapToInt(Integer::intValue).toArray();
    this.cardinality = space.opCardinalities().toArray();
    this.groups = space.widthGroups().size();
    this.opsChromosome = searchable.length > 0;
    this.widthChromosome = !space.widths().isFixed();
    if (!opsChromosome && !widthChromosome) {
      throw new IllegalArgumentException("space '" + space.name() + "' has nothing to search: no block with more"
          + " than one op and fixed widths");
    }
  }

  Codec<ArchEncoding, DoubleGene> codec() {
    List<Chromosome<DoubleGene>> proto = new ArrayList<>();
    if (opsChromosome) {
      proto.add(DoubleChromosome.of(0, 1, searchable.length));
    }
    if (widthChromosome) {
      proto.add(DoubleChromosome.of(space.widths().min(), space.widths().max(), groups));
    }
    return Codec.of(Genotype.of(proto), this::decode);
  }

  ArchEncoding decode(Genotype<DoubleGene> g) {
    int[] ops = new int[cardinality.length];
    int c = 0;
    if (opsChromosome) {
      Chromosome<DoubleGene> oc = g.get(c++);
      for (int i = 0; i < searchable.length; i++) {
        int b = searchable[i];
        ops[b] = Math.min(cardinality[b] - 1, (int) Math.floor(oc.get(i).doubleValue() * cardinality[b]));
      }
    }
    double[] w = new double[groups];
    if (widthChromosome) {
      Chromosome<DoubleGene> wc = g.get(c);
      for (int i = 0; i < groups; i++) {
        w[i] = wc.get(i).doubleValue();
      }
    } else {
      java.util.Arrays.fill(w, space.widths().min());
    }
    return ArchEncoding.of(ops, w);
  }

  /** A genotype that decodes to {@code e}: op genes at the centre of their op's interval. */
  Genotype<DoubleGene> encode(ArchEncoding e) {
    List<Chromosome<DoubleGene>> out = new ArrayList<>();
    double min = space.widths().min();
    double max = space.widths().max();
    if (opsChromosome) {
      List<DoubleGene> genes = new ArrayList<>();
      for (int b : searchable) {
        genes.add(DoubleGene.of((e.ops().get(b) + 0.5) / cardinality[b], 0, 1));
      }
      out.add(DoubleChromosome.of(genes));
    }
    if (widthChromosome) {
      List<DoubleGene> genes = new ArrayList<>();
      double top = Math.nextDown(max);
      for (int i = 0; i < groups; i++) {
        genes.add(DoubleGene.of(Math.max(min, Math.min(top, e.widths().get(i))), min, max));
      }
      out.add(DoubleChromosome.of(genes));
    }
    return Genotype.of(out);
  }
}
