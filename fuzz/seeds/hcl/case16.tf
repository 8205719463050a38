locals { x = /* in */ 1 /* and
 more */ }
