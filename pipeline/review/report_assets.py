"""The CSS and the script of report.html, inline (the page loads nothing).

The script reads the JSON block #data, fills the filter menus, and draws one page
of the filtered, sorted events at a time; a click on a row opens its evidence
paragraph with the sentence marked and the slots highlighted in displaCy's
entity style. Report text is inserted only through esc(). `window.hrReport`
lets a test set filters and count the rows shown.
"""

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.5em;margin:0 0 .3em}nav{margin-bottom:1em}
.figures{display:flex;gap:1em;flex-wrap:wrap;margin:.5em 0 1em}
.fig{border:1px solid #ddd;border-radius:6px;padding:.4em .9em;text-align:center;min-width:5em}
.fig b{display:block;font-size:1.5em}.fig span{color:#666}
.charts{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}
.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:.3em}
.chart svg text{font-size:11px;fill:#333}.chart svg rect{fill:#4c78a8}.note{color:#666;font-size:.9em}
#filters label{margin-right:.6em;white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e4e4e4;padding:3px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f5f5f5;position:sticky;top:0;user-select:none}
th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
tr.ev{cursor:pointer}tr.ev:hover{background:#f3f7ff}tr.open{background:#eef4ff}
td.evid{max-width:36em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
td.eid,td.nw{white-space:nowrap}td.eid{color:#666}
td.rules{font-family:monospace;font-size:11px;color:#555}
tr.detail td{background:#fafafa;padding:.8em 1em}
.para{line-height:2.1;max-width:60em}.sent{background:#fff6cc;border-bottom:2px solid #e0b000}
mark.ent{padding:.2em .35em;margin:0 .1em;border-radius:.35em;line-height:1}
mark.ent .lbl{font-size:.65em;font-weight:700;text-transform:uppercase;margin-left:.4em;vertical-align:middle}
.kv{color:#555;font-size:12px;margin-top:.4em}.pager{margin:.5em 0}.pager button{margin-right:.3em}
.timeline{border-left:3px solid #4c78a8;margin:.4em 0 .8em .6em;padding-left:1em}
.timeline div{margin:.2em 0}.timeline .d{display:inline-block;min-width:6.5em;font-family:monospace}
details{margin:.2em 0}summary{cursor:pointer}
"""

JS = r"""
(function(){
"use strict";
var D=JSON.parse(document.getElementById('data').textContent);
var F={};D.fields.forEach(function(n,i){F[n]=i;});
var R=D.rows,PAGE=100,PPAGE=50;
var COLS=[['event_id','event'],['doc_id','document'],['event_type','type'],['target','target'],['date','date'],
 ['charge','charge'],['sentence','term'],['location','place'],['rule_ids','rule ids'],['evidence','evidence']];
if(D.has_score){COLS.splice(8,0,['score','score']);}
var st={type:'',doc:'',year:'',target:'',q:'',sort:null,dir:1,page:0,open:null};
var shown=[],pp=0;
function esc(s){return String(s==null?'':s).replace(/[&<>"']/g,function(c){
 return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
function clip(s,n){s=String(s);return s.length>n?s.slice(0,n-1)+'\u2026':s;}
function $(id){return document.getElementById(id);}
function year(r){return (r[F.date]||'').slice(0,4)||'undated';}
function fill(id,vals){var s=$(id);vals.forEach(function(v){var o=document.createElement('option');
 o.value=v;o.textContent=v;s.appendChild(o);});}
function uniq(f){var m={};R.forEach(function(r){m[f(r)]=1;});return Object.keys(m).sort();}
fill('f-type',uniq(function(r){return r[F.event_type];}));
fill('f-doc',uniq(function(r){return r[F.doc_id];}));
fill('f-year',uniq(year));
function compare(a,b){
 if(st.sort===null)return a-b;
 var i=F[st.sort],x=R[a][i],y=R[b][i];
 if(st.sort==='score'||st.sort==='char_start'){x=x===''?Infinity:+x;y=y===''?Infinity:+y;}
 else{x=String(x).toLowerCase();y=String(y).toLowerCase();}
 if(x<y)return -st.dir;if(x>y)return st.dir;return a-b;}
function apply(){
 var q=st.q.toLowerCase(),t=st.target.toLowerCase();shown=[];
 for(var i=0;i<R.length;i++){var r=R[i];
  if(st.type&&r[F.event_type]!==st.type)continue;
  if(st.doc&&r[F.doc_id]!==st.doc)continue;
  if(st.year&&year(r)!==st.year)continue;
  if(t&&String(r[F.target]).toLowerCase().indexOf(t)<0)continue;
  if(q&&String(r[F.evidence]).toLowerCase().indexOf(q)<0)continue;
  shown.push(i);}
 shown.sort(compare);st.page=0;st.open=null;draw();}
function head(){var h='';COLS.forEach(function(c){var cls=st.sort===c[0]?(st.dir>0?'asc':'desc'):'';
 h+='<th data-col="'+c[0]+'" class="'+cls+'">'+esc(c[1])+'</th>';});$('head').innerHTML=h;}
function pager(){var n=Math.max(1,Math.ceil(shown.length/PAGE)),h='';
 h+='<button data-p="0">&laquo;</button><button data-p="'+(st.page-1)+'">&lsaquo; prev</button>';
 h+=' page '+(st.page+1)+' of '+n+' ';
 h+='<button data-p="'+(st.page+1)+'">next &rsaquo;</button><button data-p="'+(n-1)+'">&raquo;</button>';
 $('pager').innerHTML=h;$('pager-top').innerHTML=h;}
function cell(r,c){var v=r[F[c]];
 if(c==='evidence')return '<td class="evid" title="'+esc(v)+'">'+esc(v)+'</td>';
 if(c==='event_id'){var d=r[F.doc_id],n=String(v).indexOf(d+'-')===0?String(v).slice(d.length+1):v;
  return '<td class="eid" title="'+esc(v)+'">#'+esc(n)+'</td>';}
 if(c==='date')return '<td class="nw">'+esc(v)+'</td>';
 if(c==='rule_ids')return '<td class="rules">'+esc(String(v).split(';').join(' '))+'</td>';
 return '<td>'+esc(v)+'</td>';}
function draw(){head();pager();
 var h='',a=st.page*PAGE,b=Math.min(shown.length,a+PAGE);
 for(var k=a;k<b;k++){var i=shown[k],r=R[i];
  h+='<tr class="ev'+(st.open===i?' open':'')+'" data-row="'+i+'">';
  COLS.forEach(function(c){h+=cell(r,c[0]);});h+='</tr>';
  if(st.open===i)h+='<tr class="detail"><td colspan="'+COLS.length+'">'+evidence(i)+'</td></tr>';}
 $('rows').innerHTML=h;
 $('status').textContent=shown.length.toLocaleString()+' of '+R.length.toLocaleString()+' events'+
  (shown.length?' (rows '+(a+1)+'-'+b+')':'');}
function ent(text,label){var c=D.colors[label]||'#ddd';
 return '<mark class="ent" style="background:'+c+'">'+esc(text)+'<span class="lbl">'+esc(label)+'</span></mark>';}
function marked(i){var r=R[i],p=D.paras[r[F.para]],es=r[F.ev_start],ee=r[F.ev_end],sp=r[F.spans],h='',pos=es;
 h+=esc(p.slice(0,es))+'<span class="sent">';
 for(var k=0;k<sp.length;k+=3){var s=sp[k+1],e=sp[k+2];if(s<pos)continue;
  h+=esc(p.slice(pos,s))+ent(p.slice(s,e),D.labels[sp[k]]);pos=e;}
 return h+esc(p.slice(pos,ee))+'</span>'+esc(p.slice(ee));}
function enc(w){return encodeURIComponent(w).replace(/-/g,'%2D').replace(/[!'()*]/g,function(c){
 return '%'+c.charCodeAt(0).toString(16).toUpperCase();});}
/* a text fragment (#:~:text=start,end) that selects the whole evidence sentence */
function fragment(s){var w=String(s).trim().split(/\s+/);
 if(w.length<=12)return enc(w.join(' '));
 return enc(w.slice(0,6).join(' '))+','+enc(w.slice(-6).join(' '));}
function evidence(i){var r=R[i],kv=[];
 ['event_type','target','target_type','target_count','target_role','date','date_text','charge','charge_article',
  'sentence','measure','amount','location','agent','rule_ids','score'].forEach(function(k){
  if(r[F[k]]!==''&&r[F[k]]!=null)kv.push('<b>'+esc(k)+'</b>: '+esc(r[F[k]]));});
 var href='texts/'+encodeURIComponent(r[F.doc_id])+'.txt#:~:text='+fragment(r[F.evidence]);
 return '<div class="para">'+marked(i)+'</div><div class="kv">'+kv.join(' &middot; ')+'</div>'+
  '<div class="kv"><a class="fulltext" href="'+esc(href)+'" target="_blank" rel="noopener">whole text at characters '+
  esc(r[F.char_start])+'&ndash;'+esc(r[F.char_end])+'</a> ('+esc(r[F.doc_id])+')</div>';}
$('rows').addEventListener('click',function(e){var tr=e.target.closest('tr.ev');if(!tr||e.target.closest('a'))return;
 var i=+tr.getAttribute('data-row');st.open=st.open===i?null:i;draw();});
$('head').addEventListener('click',function(e){var th=e.target.closest('th');if(!th)return;
 var c=th.getAttribute('data-col');if(st.sort===c)st.dir=-st.dir;else{st.sort=c;st.dir=1;}apply();});
function pageTo(e){var b=e.target.closest('button');if(!b)return;
 var n=Math.ceil(shown.length/PAGE),p=+b.getAttribute('data-p');if(p>=0&&p<n){st.page=p;st.open=null;draw();}}
$('pager').addEventListener('click',pageTo);$('pager-top').addEventListener('click',pageTo);
[['f-type','type'],['f-doc','doc'],['f-year','year'],['f-target','target'],['f-q','q']].forEach(function(p){
 $(p[0]).addEventListener('input',function(){st[p[1]]=this.value;apply();});});
$('f-clear').addEventListener('click',function(){['f-type','f-doc','f-year','f-target','f-q'].forEach(function(id){
 $(id).value='';});st.type=st.doc=st.year=st.target=st.q='';apply();});
/* People: one timeline per person, events in date order across documents. */
var people=D.people,pshown=people;
function timeline(k){var h='<div class="timeline">';people[k][1].forEach(function(i){var r=R[i];
 h+='<div><span class="d">'+esc(r[F.date]||'undated')+'</span> <b>'+esc(r[F.event_type])+'</b> '+
  esc(r[F.doc_id])+' &mdash; <a href="#events" data-open="'+i+'">'+esc(clip(r[F.evidence],140))+
  '</a></div>';});return h+'</div>';}
function drawPeople(){var a=pp*PPAGE,b=Math.min(pshown.length,a+PPAGE),h='';
 for(var k=a;k<b;k++){var idx=people.indexOf(pshown[k]);
  h+='<details data-person="'+idx+'"><summary>'+esc(pshown[k][0])+' ('+pshown[k][1].length+' events)</summary></details>';}
 $('people-list').innerHTML=h;var n=Math.max(1,Math.ceil(pshown.length/PPAGE));
 $('p-status').textContent=pshown.length.toLocaleString()+' people';
 $('people-pager').innerHTML='<button data-p="'+(pp-1)+'">&lsaquo; prev</button> page '+(pp+1)+' of '+n+
  ' <button data-p="'+(pp+1)+'">next &rsaquo;</button>';}
$('people-list').addEventListener('toggle',function(e){var d=e.target;
 if(d.open&&!d.getAttribute('data-drawn')){d.insertAdjacentHTML('beforeend',timeline(+d.getAttribute('data-person')));
  d.setAttribute('data-drawn','1');}},true);
$('people-list').addEventListener('click',function(e){var a=e.target.closest('a[data-open]');if(!a)return;
 var i=+a.getAttribute('data-open');openRow(i);});
$('people-pager').addEventListener('click',function(e){var b=e.target.closest('button');if(!b)return;
 var p=+b.getAttribute('data-p'),n=Math.ceil(pshown.length/PPAGE);if(p>=0&&p<n){pp=p;drawPeople();}});
$('p-q').addEventListener('input',function(){var q=this.value.toLowerCase();
 pshown=people.filter(function(p){return p[0].toLowerCase().indexOf(q)>=0;});pp=0;drawPeople();});
function openRow(i){var k=shown.indexOf(i);if(k<0){st.type=st.doc=st.year=st.target=st.q='';
 ['f-type','f-doc','f-year','f-target','f-q'].forEach(function(id){$(id).value='';});apply();k=shown.indexOf(i);}
 st.page=Math.floor(k/PAGE);st.open=i;draw();}
window.hrReport={
 setFilter:function(f){Object.keys(f).forEach(function(k){st[k]=f[k];var el=$('f-'+k);if(el)el.value=f[k];});apply();
  return shown.length;},
 sortBy:function(c,dir){st.sort=c;st.dir=dir||1;apply();},
 open:openRow,matched:function(){return shown.length;},
 firstWith:function(labels){var best=shown[0],n=-1;shown.forEach(function(i){var sp=R[i][F.spans],have={};
  for(var k=0;k<sp.length;k+=3)have[D.labels[sp[k]]]=1;
  var m=labels.filter(function(l){return have[l];}).length;if(m>n){n=m;best=i;}});return best;},
 rowsShown:function(){return document.querySelectorAll('#rows tr.ev').length;},total:R.length};
apply();drawPeople();
})();
"""
